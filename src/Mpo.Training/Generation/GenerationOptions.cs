namespace Mpo.Training.Generation;

/// <summary>How to sample responses. Defaults follow the MPO paper's rollout settings where it names one.</summary>
public sealed record GenerationOptions
{
    /// <summary>Most tokens generated per prompt (the paper's <c>response_length</c>). <value>The default is 53.</value></summary>
    public int MaxNewTokens { get; init; } = 53;

    /// <summary>Take the most likely token instead of sampling. <value>The default is false.</value></summary>
    public bool Greedy { get; init; }

    /// <summary>Logits are divided by this before sampling and for the returned log-probs. <value>The default is 0.7 (paper).</value></summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Sample only among the k most likely tokens; 0 turns it off. <value>The default is 0.</value></summary>
    public int TopK { get; init; }

    /// <summary>Sample only from the smallest set whose probability reaches this (nucleus); 1 turns it off. <value>The default is 1.</value></summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Seed of row 0's generator; row i uses <c>Seed + i</c>, so a row alone reproduces with that seed. <value>The default is 0.</value></summary>
    public ulong Seed { get; init; }

    /// <summary>Tokens that end a response (kept in it); <c>null</c> uses the tokenizer's EOS ids. <value>The default is null.</value></summary>
    public IReadOnlyList<int>? StopTokenIds { get; init; }

    /// <summary>The id written after a row has stopped. <value>The default is 0.</value></summary>
    public int PadTokenId { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their ranges.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNewTokens, 1, nameof(MaxNewTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(TopK, nameof(TopK));
        if (!Greedy)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Temperature, 0, nameof(Temperature));
        }

        if (TopP is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
        }
    }
}
