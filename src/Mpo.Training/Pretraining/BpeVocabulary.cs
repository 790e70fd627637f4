namespace Mpo.Training.Pretraining;

/// <summary>A trained byte-level BPE: what a Hugging Face <c>tokenizer.json</c> stores.</summary>
/// <param name="SpecialTokens">Special tokens, with ids 0..n−1 in this order.</param>
/// <param name="Tokens">Every token's byte-level text by id (special tokens first, then the 256 byte symbols, then one per merge).</param>
/// <param name="Merges">Merge rules (left, right), highest priority first.</param>
public sealed record BpeVocabulary(IReadOnlyList<string> SpecialTokens, IReadOnlyList<string> Tokens, IReadOnlyList<(string Left, string Right)> Merges)
{
    /// <summary>The token that serves as BOS and EOS (the first special token).</summary>
    public string EndOfText => SpecialTokens[0];

    /// <summary>
    /// The padding token: the second special token when there is one, else <see cref="EndOfText"/>. RL needs padding
    /// distinct from EOS (the paper adds <c>[PAD]</c>), because padding positions are masked by id.
    /// </summary>
    public string Padding => SpecialTokens[PaddingId];

    /// <summary>The id of <see cref="Padding"/>.</summary>
    public int PaddingId => SpecialTokens.Count > 1 ? 1 : 0;
}
