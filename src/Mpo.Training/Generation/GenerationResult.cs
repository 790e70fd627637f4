using static TorchSharp.torch;

namespace Mpo.Training.Generation;

/// <summary>Responses generated for a batch of prompts, padded to the longest one.</summary>
/// <param name="Tokens">(B, T) long generated ids; after a row's stop token, the pad id.</param>
/// <param name="LogProbs">(B, T) float32 log-probability of each generated token under <c>log_softmax(logits / temperature)</c> (temperature 1 when greedy), before top-k/top-p filtering, as the paper's code computes it; 0 at padding.</param>
/// <param name="ResponseMask">(B, T) long, 1 for generated tokens up to and including the stop token, 0 after.</param>
/// <param name="Lengths">Per row, the number of response tokens (the mask's row sums).</param>
/// <param name="LastPromptLogits">(B, V) float32 logits at the last prompt position (what chose the first token).</param>
public sealed record GenerationResult(Tensor Tokens, Tensor LogProbs, Tensor ResponseMask, long[] Lengths, Tensor LastPromptLogits) : IDisposable
{
    /// <summary>Row <paramref name="row"/>'s response ids, without padding.</summary>
    public long[] ResponseIds(int row)
    {
        using var r = Tokens[row].narrow(0, 0, Lengths[row]).cpu();
        return r.data<long>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tokens.Dispose();
        LogProbs.Dispose();
        ResponseMask.Dispose();
        LastPromptLogits.Dispose();
    }
}
