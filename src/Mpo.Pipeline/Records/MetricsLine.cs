using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Records;

/// <summary>
/// The metrics of one policy update (<c>runs/{run}/metrics/{step}.json</c>, one JSON line): written once by
/// <c>UpdatePolicy</c>, so a re-run of the step never adds a second line.
/// </summary>
/// <param name="Step">Updates applied after this one (the checkpoint step it produced).</param>
/// <param name="RubricVersion">The rubric the scores were given with.</param>
/// <param name="Rollouts">Rollouts in the update.</param>
/// <param name="RewardMean">Mean RM reward over the scored rollouts.</param>
/// <param name="RewardStd">Population standard deviation of those rewards.</param>
/// <param name="Unscorable">Rollouts the RM could not score (trained on with score 0).</param>
/// <param name="Kl">Mean Σ_t KL to the reference at rollout time (<c>objective/kl</c>).</param>
/// <param name="NonScoreReward">Mean −kl_coef·KL (<c>objective/non_score_reward</c>).</param>
/// <param name="PolicyLoss">Policy loss.</param>
/// <param name="ValueLoss">Value loss (PPO), else null.</param>
/// <param name="ApproxKl">Approximate KL between old and new policy.</param>
/// <param name="Entropy">Mean token entropy.</param>
/// <param name="LearningRate">LR of the update.</param>
/// <param name="GradNorm">Gradient norm before clipping at the last optimizer step.</param>
/// <param name="ResponseLengthMean">Mean response tokens (up to the stop token).</param>
/// <param name="EosCount">Responses that ended with EOS.</param>
/// <param name="Detectors">Counts of detector flags over the step's scores (<c>injection</c>, <c>hard_rule</c>, <c>truncated</c>).</param>
/// <param name="DurationsMs">Milliseconds per activity: rollouts and scores summed over shards, and the update itself.</param>
public sealed record MetricsLine(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("rubric_version")] int RubricVersion,
    [property: JsonPropertyName("rollouts")] int Rollouts,
    [property: JsonPropertyName("reward_mean")] double RewardMean,
    [property: JsonPropertyName("reward_std")] double RewardStd,
    [property: JsonPropertyName("unscorable")] int Unscorable,
    [property: JsonPropertyName("kl")] double Kl,
    [property: JsonPropertyName("non_score_reward")] double NonScoreReward,
    [property: JsonPropertyName("policy_loss")] double PolicyLoss,
    [property: JsonPropertyName("value_loss")] double? ValueLoss,
    [property: JsonPropertyName("approx_kl")] double ApproxKl,
    [property: JsonPropertyName("entropy")] double Entropy,
    [property: JsonPropertyName("learning_rate")] double LearningRate,
    [property: JsonPropertyName("grad_norm")] double GradNorm,
    [property: JsonPropertyName("response_length_mean")] double ResponseLengthMean,
    [property: JsonPropertyName("eos_count")] int EosCount,
    [property: JsonPropertyName("detectors")] IReadOnlyDictionary<string, int> Detectors,
    [property: JsonPropertyName("durations_ms")] IReadOnlyDictionary<string, double> DurationsMs);
