using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Position ids and attention masks for left-padded batches, computed as Hugging Face does, so that a padded row
/// gives the same numbers as the same prompt alone.
/// </summary>
public static class AttentionMasks
{
    /// <summary>
    /// Positions of the last <paramref name="newTokens"/> columns: <c>cumsum(mask) − 1</c>, with padding at 1 (HF's
    /// filler; those rows are masked anyway).
    /// </summary>
    /// <param name="attentionMask">(B, S) 1 for real tokens, 0 for padding.</param>
    /// <param name="newTokens">T, the number of tokens in this forward pass.</param>
    /// <returns>(B, T) long positions.</returns>
    public static Tensor PositionIds(Tensor attentionMask, long newTokens)
    {
        using var scope = NewDisposeScope();
        var mask = attentionMask.to(ScalarType.Int64);
        var positions = mask.cumsum(1).sub_(1).masked_fill_(mask.eq(0), 1); // (B, S)
        var s = positions.shape[1];
        return positions.narrow(1, s - newTokens, newTokens).contiguous().MoveToOuterDisposeScope(); // (B, T)
    }

    /// <summary>
    /// The additive attention mask combining causality (query i, at absolute index S − T + i, sees keys ≤ it) and
    /// padding (no key at a padded position). Blocked entries hold the dtype's lowest value rather than −∞ so that
    /// a padding query, which sees nothing, gets a uniform softmax instead of NaN.
    /// </summary>
    /// <param name="attentionMask">(B, S) 1 for real tokens, 0 for padding, over cached and new tokens.</param>
    /// <param name="newTokens">T.</param>
    /// <param name="dtype">The model's compute dtype.</param>
    /// <returns>(B, 1, T, S).</returns>
    public static Tensor Additive(Tensor attentionMask, long newTokens, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var (b, s) = (attentionMask.shape[0], attentionMask.shape[1]);
        var device = attentionMask.device;
        var queryIndex = arange(s - newTokens, s, ScalarType.Int64, device).view(newTokens, 1); // (T, 1)
        var keyIndex = arange(0, s, ScalarType.Int64, device).view(1, s); // (1, S)
        var causal = keyIndex.le(queryIndex).view(1, 1, newTokens, s); // (1, 1, T, S)
        var padding = attentionMask.ne(0).view(b, 1, 1, s); // (B, 1, 1, S)
        var allowed = causal.logical_and(padding); // (B, 1, T, S)
        var blocked = LowestValue(dtype);
        return zeros(b, 1, newTokens, s, dtype, device).masked_fill_(allowed.logical_not(), blocked).MoveToOuterDisposeScope();
    }

    private static double LowestValue(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        ScalarType.Float64 => double.MinValue,
        _ => float.MinValue,
    };
}
