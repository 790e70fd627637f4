using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>Per-token KL between the policy and the reference, and the reward it contributes (step 9).</summary>
/// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/ppo_trainer.py"/> ("4. compute rewards");
/// estimators from <see href="http://joschu.net/blog/kl-approx.html"/>.</remarks>
public static class KlPenalty
{
    /// <summary>
    /// k1: <c>logp − ref_logp</c>; k3: <c>(exp(r) − 1) − r</c> with <c>r = ref_logp − logp</c>. (B, T) → (B, T).
    /// </summary>
    public static Tensor PerTokenKl(Tensor logprobs, Tensor refLogprobs, KlEstimator estimator)
    {
        using var scope = NewDisposeScope();
        var logr = refLogprobs - logprobs;
        var kl = estimator == KlEstimator.K1 ? logr.neg() : logr.exp() - 1 - logr;
        return kl.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per-token rewards: <c>−kl_coef·kl</c> everywhere, plus the score at <c>seq_len + 1</c>, or at <c>seq_len</c>
    /// when <c>seq_len + 1</c> is past the end. Returns (rewards (B, T), non-score rewards (B, T)).
    /// </summary>
    /// <param name="kl">(B, T) per-token KL (0 at masked positions).</param>
    /// <param name="klCoef">The paper's <c>kl_coef</c>.</param>
    /// <param name="scores">(B) scalar scores (after any missing-EOS penalty).</param>
    /// <param name="sequenceLengths">(B) index of the last real response token.</param>
    public static (Tensor Rewards, Tensor NonScoreRewards) PerTokenRewards(
        Tensor kl, double klCoef, Tensor scores, Tensor sequenceLengths)
    {
        using var scope = NewDisposeScope();
        var nonScore = kl * -klCoef;
        var p1 = sequenceLengths + 1;
        var end = where(p1.lt(kl.shape[1]), p1, sequenceLengths).unsqueeze(1); // (B, 1)
        var rewards = nonScore.scatter_add(1, end, scores.to_type(kl.dtype).unsqueeze(1));
        return (rewards.MoveToOuterDisposeScope(), nonScore.MoveToOuterDisposeScope());
    }
}
