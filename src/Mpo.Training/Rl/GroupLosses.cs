using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>The policy losses of GRPO (per token, KL in the loss) and RLOO (per sequence).</summary>
public static class GroupLosses
{
    /// <summary>
    /// GRPO: per token <c>−min(ρ·A, clip(ρ, 1±ε)·A) + β·k3(ref ‖ π)</c>, summed over valid tokens and divided by their
    /// count. Returns (loss, clip fraction, mean valid-token KL).
    /// </summary>
    /// <param name="newLogprobs">(B, T) current log-probs.</param>
    /// <param name="oldLogprobs">(B, T) rollout log-probs.</param>
    /// <param name="refLogprobs">(B, T) reference log-probs.</param>
    /// <param name="advantages">(B) group-normalised advantages.</param>
    /// <param name="validMask">(B, T) true up to and including the stop token.</param>
    /// <param name="clipRange">ε.</param>
    /// <param name="beta">KL weight β.</param>
    /// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/grpo_trainer.py"/> (compute_loss).</remarks>
    public static (Tensor Loss, Tensor ClipFraction, Tensor Kl) Grpo(
        Tensor newLogprobs, Tensor oldLogprobs, Tensor refLogprobs, Tensor advantages, Tensor validMask, double clipRange, double beta)
    {
        using var scope = NewDisposeScope();
        var ratio = (newLogprobs - oldLogprobs).exp();
        var a = advantages.unsqueeze(1); // (B, 1)
        var loss1 = ratio * a;
        var loss2 = ratio.clamp(1 - clipRange, 1 + clipRange) * a;
        var kl = KlPenalty.PerTokenKl(newLogprobs, refLogprobs, KlEstimator.K3);
        var perToken = -minimum(loss1, loss2) + beta * kl;
        var loss = MaskedStats.MaskedMean(perToken, validMask);
        using var _ = no_grad();
        var clipFrac = MaskedStats.MaskedMean(loss2.lt(loss1).to_type(ratio.dtype), validMask);
        var meanKl = MaskedStats.MaskedMean(kl, validMask);
        return (loss.MoveToOuterDisposeScope(), clipFrac.MoveToOuterDisposeScope(), meanKl.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// RLOO: sequence ratio <c>ρ = exp(Σ logp_new − Σ logp_old)</c> (INVALID_LOGPROB cancels on padding), loss
    /// <c>mean(max(−A·ρ, −A·clip(ρ, 1±ε)))</c>. Returns (loss, clip fraction).
    /// </summary>
    /// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/rloo_trainer.py"/> (train loop).</remarks>
    public static ClippedLoss Rloo(Tensor newLogprobs, Tensor oldLogprobs, Tensor advantages, double clipRange)
    {
        using var scope = NewDisposeScope();
        var ratio = (newLogprobs.sum(1) - oldLogprobs.sum(1)).exp(); // (B)
        var losses1 = -advantages * ratio;
        var losses2 = -advantages * ratio.clamp(1 - clipRange, 1 + clipRange);
        var loss = maximum(losses1, losses2).mean();
        using var _ = no_grad();
        var clipFrac = losses2.gt(losses1).to_type(ratio.dtype).mean();
        return new ClippedLoss(loss.MoveToOuterDisposeScope(), clipFrac.MoveToOuterDisposeScope());
    }
}
