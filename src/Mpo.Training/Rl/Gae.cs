using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>Generalised advantage estimation over the response (step 11).</summary>
/// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/ppo_trainer.py"/> ("6. compute
/// advantages and returns"); Schulman et al., <see href="https://arxiv.org/abs/1506.02438"/>.</remarks>
public static class Gae
{
    /// <summary>
    /// Backwards over every response position t: <c>δ_t = r_t + γ·V_{t+1} − V_t</c> (V_T = 0),
    /// <c>A_t = δ_t + γλ·A_{t+1}</c>; returns (advantages, returns = A + V), both (B, T), not yet whitened.
    /// </summary>
    /// <param name="rewards">(B, T) per-token rewards.</param>
    /// <param name="values">(B, T) values (0 past <c>seq_len + 1</c>).</param>
    /// <param name="gamma">Discount γ.</param>
    /// <param name="lam">GAE λ.</param>
    public static (Tensor Advantages, Tensor Returns) Compute(Tensor rewards, Tensor values, double gamma, double lam)
    {
        using var scope = NewDisposeScope();
        long t = rewards.shape[1];
        var reversed = new Tensor[t];
        Tensor lastGaeLam = zeros_like(rewards[.., 0]);
        for (long i = t - 1; i >= 0; i--)
        {
            var nextValues = i < t - 1 ? values[.., i + 1] : zeros_like(lastGaeLam);
            var delta = rewards[.., i] + gamma * nextValues - values[.., i];
            lastGaeLam = delta + gamma * lam * lastGaeLam;
            reversed[i] = lastGaeLam;
        }

        var advantages = stack(reversed, 1); // (B, T)
        var returns = advantages + values;
        return (advantages.MoveToOuterDisposeScope(), returns.MoveToOuterDisposeScope());
    }

    /// <summary>Whitens advantages over the valid tokens and zeroes the padding (end of step 11).</summary>
    /// <param name="advantages">(B, T) raw advantages.</param>
    /// <param name="paddingMask">(B, T) true past <c>seq_len</c>.</param>
    public static Tensor WhitenAdvantages(Tensor advantages, Tensor paddingMask)
    {
        using var scope = NewDisposeScope();
        var whitened = MaskedStats.MaskedWhiten(advantages, paddingMask.logical_not());
        return whitened.masked_fill(paddingMask, 0).MoveToOuterDisposeScope();
    }
}
