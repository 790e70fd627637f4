using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>
/// Truncation after the stop token and the position masks derived from it (steps 4 and 8 of the PPO update).
/// </summary>
/// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/utils.py"/> (truncate_response,
/// first_true_indices) and <see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/ppo_trainer.py"/>
/// (padding_mask, padding_mask_p1). Shapes: B rollouts, T response tokens.</remarks>
public static class ResponseMasks
{
    /// <summary>The log-prob written at masked positions; with both log-probs equal there, the k1/k3 KL is 0.</summary>
    public const double InvalidLogprob = 1.0;

    /// <summary>Index of the first true element per row, or the row length when none: (B, T) bool → (B) long.</summary>
    public static Tensor FirstTrueIndices(Tensor bools)
    {
        using var scope = NewDisposeScope();
        long t = bools.shape[^1];
        // (T) row indices where true, T where false; the row minimum is the first true index.
        var idx = arange(t, dtype: ScalarType.Int64, device: bools.device).expand_as(bools);
        var candidates = where(bools, idx, full_like(idx, t));
        return candidates.min(-1).values.MoveToOuterDisposeScope();
    }

    /// <summary>Keeps each response up to and including its first <paramref name="stopTokenId"/>, padding after it.</summary>
    /// <param name="responses">(B, T) sampled token ids.</param>
    /// <param name="stopTokenId">The stop token (EOS when the paper's <c>stop_token="eos"</c>).</param>
    /// <param name="padTokenId">The pad id written after the stop token.</param>
    public static Tensor TruncateAfterStop(Tensor responses, long stopTokenId, long padTokenId)
    {
        using var scope = NewDisposeScope();
        var stop = FirstTrueIndices(responses.eq(stopTokenId)).unsqueeze(-1); // (B, 1)
        var idx = arange(responses.shape[1], device: responses.device).unsqueeze(0); // (1, T)
        return responses.masked_fill(idx.gt(stop), padTokenId).MoveToOuterDisposeScope();
    }

    /// <summary>Index of the last real token: first pad − 1, or T − 1 without padding. (B, T) → (B) long.</summary>
    /// <remarks>Requires a pad id distinct from the EOS id (the paper adds <c>[PAD]</c>); otherwise the EOS is cut off.</remarks>
    public static Tensor SequenceLengths(Tensor truncatedResponses, long padTokenId)
    {
        using var scope = NewDisposeScope();
        return (FirstTrueIndices(truncatedResponses.eq(padTokenId)) - 1).MoveToOuterDisposeScope();
    }

    /// <summary>True where the response index exceeds <c>sequenceLengths + offset</c>: (B) → (B, T) bool.</summary>
    /// <remarks>offset 0 gives <c>padding_mask</c> (log-probs, advantages), 1 gives <c>padding_mask_p1</c> (values).</remarks>
    public static Tensor PaddingMask(Tensor sequenceLengths, long responseLength, long offset = 0)
    {
        using var scope = NewDisposeScope();
        var idx = arange(responseLength, device: sequenceLengths.device).unsqueeze(0); // (1, T)
        return idx.gt((sequenceLengths + offset).unsqueeze(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Whether each response contains <paramref name="tokenId"/>: (B, T) → (B) bool.</summary>
    public static Tensor Contains(Tensor responses, long tokenId)
    {
        using var scope = NewDisposeScope();
        return responses.eq(tokenId).any(-1).MoveToOuterDisposeScope();
    }

    /// <summary>Writes <see cref="InvalidLogprob"/> where <paramref name="paddingMask"/> is true.</summary>
    public static Tensor MaskLogprobs(Tensor logprobs, Tensor paddingMask) =>
        logprobs.masked_fill(paddingMask, InvalidLogprob);
}
