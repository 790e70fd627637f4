using static TorchSharp.torch;

namespace Mpo.Training.Generation;

/// <summary>
/// Prompts of different lengths as one left-padded batch, so every row's last prompt token sits in the last column
/// and generation appends to all rows at once.
/// </summary>
/// <param name="InputIds">(B, P) long token ids, padding on the left.</param>
/// <param name="AttentionMask">(B, P) long, 1 for prompt tokens, 0 for padding.</param>
public sealed record PromptBatch(Tensor InputIds, Tensor AttentionMask) : IDisposable
{
    /// <summary>Left-pads <paramref name="prompts"/> with <paramref name="padTokenId"/> on <paramref name="device"/>.</summary>
    public static PromptBatch LeftPadded(IReadOnlyList<int[]> prompts, int padTokenId, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0 || prompts.Any(p => p.Length == 0))
        {
            throw new ArgumentException("Every prompt needs at least one token.", nameof(prompts));
        }

        var width = prompts.Max(p => p.Length);
        var ids = new long[prompts.Count * width];
        var mask = new long[prompts.Count * width];
        for (int row = 0; row < prompts.Count; row++)
        {
            var offset = (row * width) + width - prompts[row].Length;
            for (int j = 0; j < width - prompts[row].Length; j++)
            {
                ids[(row * width) + j] = padTokenId;
            }

            for (int j = 0; j < prompts[row].Length; j++)
            {
                ids[offset + j] = prompts[row][j];
                mask[offset + j] = 1;
            }
        }

        return new PromptBatch(
            tensor(ids, [prompts.Count, width], device: device),
            tensor(mask, [prompts.Count, width], device: device));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
    }
}
