using static TorchSharp.torch;

namespace Mpo.Training.Pretraining;

/// <summary>
/// Examples as one right-padded batch. Right padding keeps every row's positions at 0, 1, 2, … (the model derives
/// them from the mask), and the mask hides padded keys from attention.
/// </summary>
/// <param name="InputIds">(B, T) long: prompt then response, then padding.</param>
/// <param name="AttentionMask">(B, T) long: 1 for real tokens, 0 for padding.</param>
/// <param name="LossMask">(B, T − 1) float: 1 where position t predicts a response token or EOS (token t + 1), else 0.</param>
public sealed record SupervisedBatch(Tensor InputIds, Tensor AttentionMask, Tensor LossMask) : IDisposable
{
    /// <summary>Collates <paramref name="examples"/>, padding with <paramref name="padTokenId"/>.</summary>
    public static SupervisedBatch Collate(IReadOnlyList<SupervisedExample> examples, int padTokenId, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0 || examples.Any(e => e.PromptIds.Length == 0 || e.ResponseIds.Length == 0))
        {
            throw new ArgumentException("Every example needs a prompt token and a response token.", nameof(examples));
        }

        int b = examples.Count;
        int t = examples.Max(e => e.PromptIds.Length + e.ResponseIds.Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        var loss = new float[b * (t - 1)];
        Array.Fill(ids, padTokenId);
        for (int row = 0; row < b; row++)
        {
            var (prompt, response) = (examples[row].PromptIds, examples[row].ResponseIds);
            for (int j = 0; j < prompt.Length + response.Length; j++)
            {
                ids[(row * t) + j] = j < prompt.Length ? prompt[j] : response[j - prompt.Length];
                mask[(row * t) + j] = 1;
                if (j >= prompt.Length)
                {
                    loss[(row * (t - 1)) + j - 1] = 1; // position j − 1 predicts token j
                }
            }
        }

        return new SupervisedBatch(
            tensor(ids, [b, t], device: device),
            tensor(mask, [b, t], device: device),
            tensor(loss, [b, t - 1], device: device));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        LossMask.Dispose();
    }
}
