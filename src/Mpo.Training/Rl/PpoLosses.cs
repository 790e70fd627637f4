using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>A loss with the fraction of positions where clipping was active (a diagnostic).</summary>
/// <param name="Loss">Scalar loss (differentiable).</param>
/// <param name="ClipFraction">Scalar, no gradient.</param>
public sealed record ClippedLoss(Tensor Loss, Tensor ClipFraction);

/// <summary>The clipped PPO objectives and their diagnostics (step 12).</summary>
/// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/ppo_trainer.py"/> (the micro-batch
/// loop: vf_losses1/2, pg_losses/2, entropy, approxkl). Shapes: (B, T) per token.</remarks>
public static class PpoLosses
{
    /// <summary>
    /// <c>masked_mean(max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε)))</c> with <c>ρ = exp(logp_new − logp_old)</c>; clip fraction is
    /// the masked share where the clipped term is larger.
    /// </summary>
    /// <param name="newLogprobs">(B, T) current log-probs (INVALID_LOGPROB on padding).</param>
    /// <param name="oldLogprobs">(B, T) rollout log-probs (INVALID_LOGPROB on padding).</param>
    /// <param name="advantages">(B, T) whitened advantages.</param>
    /// <param name="validMask">(B, T) true on positions ≤ seq_len.</param>
    /// <param name="clipRange">ε.</param>
    public static ClippedLoss PolicyLoss(Tensor newLogprobs, Tensor oldLogprobs, Tensor advantages, Tensor validMask, double clipRange)
    {
        using var scope = NewDisposeScope();
        var ratio = (newLogprobs - oldLogprobs).exp();
        var losses1 = -advantages * ratio;
        var losses2 = -advantages * ratio.clamp(1.0 - clipRange, 1.0 + clipRange);
        var loss = MaskedStats.MaskedMean(maximum(losses1, losses2), validMask);
        Tensor clipFrac;
        using (no_grad())
        {
            clipFrac = MaskedStats.MaskedMean(losses2.gt(losses1).to_type(newLogprobs.dtype), validMask);
        }

        return new ClippedLoss(loss.MoveToOuterDisposeScope(), clipFrac.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// <c>0.5·masked_mean(max((v − R)², (clip(v, v_old ± ε_v) − R)²))</c> over positions ≤ seq_len + 1.
    /// </summary>
    /// <param name="values">(B, T) current values (0 past seq_len + 1).</param>
    /// <param name="oldValues">(B, T) rollout-time values.</param>
    /// <param name="returns">(B, T) GAE returns.</param>
    /// <param name="validMaskP1">(B, T) true on positions ≤ seq_len + 1.</param>
    /// <param name="clipRangeValue">ε_v.</param>
    public static ClippedLoss ValueLoss(Tensor values, Tensor oldValues, Tensor returns, Tensor validMaskP1, double clipRangeValue)
    {
        using var scope = NewDisposeScope();
        var clipped = values.clamp(oldValues - clipRangeValue, oldValues + clipRangeValue);
        var losses1 = (values - returns).square();
        var losses2 = (clipped - returns).square();
        var loss = 0.5 * MaskedStats.MaskedMean(maximum(losses1, losses2), validMaskP1);
        Tensor clipFrac;
        using (no_grad())
        {
            clipFrac = MaskedStats.MaskedMean(losses2.gt(losses1).to_type(values.dtype), validMaskP1);
        }

        return new ClippedLoss(loss.MoveToOuterDisposeScope(), clipFrac.MoveToOuterDisposeScope());
    }

    /// <summary>Mean token entropy <c>logsumexp(z) − Σ softmax(z)·z</c> of (B, T, V) logits, over all positions.</summary>
    public static Tensor Entropy(Tensor logits)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var probs = logits.softmax(-1);
        var entropy = logits.logsumexp(-1) - (probs * logits).sum(-1); // (B, T)
        return entropy.mean().MoveToOuterDisposeScope();
    }

    /// <summary><c>0.5·mean((logp_new − logp_old)²)</c> over all positions, as TRL reports it.</summary>
    public static Tensor ApproxKl(Tensor newLogprobs, Tensor oldLogprobs)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var diff = newLogprobs - oldLogprobs;
        return (0.5 * (diff * diff).mean()).MoveToOuterDisposeScope();
    }
}
