namespace Mpo.Training.Rl;

/// <summary>Diagnostics of one update, as TRL logs them (means over micro-batches unless stated).</summary>
/// <param name="Update">1-based index of the update these stats belong to.</param>
/// <param name="LearningRate">LR used for this update.</param>
/// <param name="MeanScore">Mean score after the missing-EOS penalty (<c>objective/scores</c>).</param>
/// <param name="MeanKl">Mean over rollouts of Σ_t KL at rollout time (<c>objective/kl</c>).</param>
/// <param name="MeanNonScoreReward">Mean Σ_t −kl_coef·KL (<c>objective/non_score_reward</c>).</param>
/// <param name="MeanRlhfReward">MeanScore + MeanNonScoreReward (<c>objective/rlhf_reward</c>).</param>
/// <param name="MeanSequenceEntropy">Mean Σ_t −logp over valid tokens (<c>objective/entropy</c>).</param>
/// <param name="PolicyLoss">Policy loss (<c>loss/policy_avg</c>).</param>
/// <param name="ValueLoss">Value loss (<c>loss/value_avg</c>); <c>null</c> without a critic.</param>
/// <param name="PolicyClipFraction">Share of clipped policy terms (<c>policy/clipfrac_avg</c>).</param>
/// <param name="ValueClipFraction">Share of clipped value terms; <c>null</c> without a critic.</param>
/// <param name="ApproxKl">0.5·mean((logp_new − logp_old)²) (<c>policy/approxkl_avg</c>).</param>
/// <param name="Entropy">Mean token entropy of the current policy (<c>policy/entropy_avg</c>).</param>
/// <param name="Ratio">Mean probability ratio (<c>val/ratio</c>).</param>
/// <param name="MeanResponseLength">Mean tokens up to and including the stop token.</param>
/// <param name="EosCount">Responses that contain EOS (<c>val/num_eos_tokens</c>).</param>
/// <param name="GradNorm">Global gradient norm before clipping at the last optimizer step.</param>
/// <param name="OptimizerSteps">Optimizer steps taken in this update.</param>
public sealed record UpdateStats(
    int Update,
    double LearningRate,
    double MeanScore,
    double MeanKl,
    double MeanNonScoreReward,
    double MeanRlhfReward,
    double MeanSequenceEntropy,
    double PolicyLoss,
    double? ValueLoss,
    double PolicyClipFraction,
    double? ValueClipFraction,
    double ApproxKl,
    double Entropy,
    double Ratio,
    double MeanResponseLength,
    int EosCount,
    double GradNorm,
    int OptimizerSteps);
