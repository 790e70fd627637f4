using System.Text;
using Microsoft.ML.Tokenizers;

namespace Mpo.Training.Tokenization;

/// <summary>Unicode NFC normalisation, the <c>normalizer</c> Qwen2's <c>tokenizer.json</c> declares.</summary>
public sealed class NfcNormalizer : Normalizer
{
    /// <inheritdoc />
    public override string Normalize(string original) => original.Normalize(NormalizationForm.FormC);

    /// <inheritdoc />
    public override string Normalize(ReadOnlySpan<char> original) => original.ToString().Normalize(NormalizationForm.FormC);
}
