namespace Mpo.Training.Pretraining;

/// <summary>Options of <see cref="BpeTrainer"/>. Defaults suit a small synthetic corpus such as the bundled task's.</summary>
public sealed record BpeTrainerOptions
{
    /// <summary>
    /// A pair is merged only while it occurs at least this often (counted over pre-tokenized words, weighted by their
    /// frequency), as in Hugging Face's <c>min_frequency</c>. <value>The default is 2.</value>
    /// </summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>
    /// Largest vocabulary (special tokens + 256 byte symbols + merges); training stops there.
    /// <value>The default is 4096.</value>
    /// </summary>
    public int MaxVocabularySize { get; init; } = 4096;

    /// <summary>
    /// Special tokens, given the first ids in this order; the first one serves as BOS and EOS (GPT-2's convention),
    /// the second, when present, as padding (RL masks padding by id, so it must differ from EOS).
    /// <value>The default is <c>&lt;|endoftext|&gt;</c>, <c>&lt;pad&gt;</c>.</value>
    /// </summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = ["<|endoftext|>", "<pad>"];

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their ranges.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinFrequency, 1, nameof(MinFrequency));
        ArgumentOutOfRangeException.ThrowIfLessThan(SpecialTokens.Count, 1, nameof(SpecialTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxVocabularySize, SpecialTokens.Count + 256, nameof(MaxVocabularySize));
    }
}
