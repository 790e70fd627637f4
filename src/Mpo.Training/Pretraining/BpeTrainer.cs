using System.Text.RegularExpressions;
using Mpo.Training.Tokenization;

namespace Mpo.Training.Pretraining;

/// <summary>
/// Trains a byte-level BPE the way GPT-2's tokenizer was made, so the result loads through
/// <see cref="TokenizerJsonReader"/>: text is split by GPT-2's pre-tokenizer regex, each piece becomes its UTF-8 bytes
/// in <see cref="ByteLevelAlphabet"/> characters, and the most frequent adjacent pair is merged until no pair occurs
/// <see cref="BpeTrainerOptions.MinFrequency"/> times or the vocabulary is full.
/// </summary>
/// <remarks>
/// Deterministic: ties between equally frequent pairs go to the ordinally smallest (left, right), and words are
/// visited in ordinal order, so the same corpus always gives the same merges (and byte-identical files).
/// </remarks>
public static class BpeTrainer
{
    private static readonly Regex Split = new(TokenizerJsonReader.Gpt2Pattern, RegexOptions.Compiled);

    /// <summary>Trains on <paramref name="texts"/>.</summary>
    public static BpeVocabulary Train(IEnumerable<string> texts, BpeTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new BpeTrainerOptions();
        options.Validate();

        var tokens = new List<string>(options.SpecialTokens);
        tokens.AddRange(Enumerable.Range(0, 256).Select(b => ByteLevelAlphabet.ToChar((byte)b).ToString()));
        var known = new HashSet<string>(tokens, StringComparer.Ordinal);
        var words = CountWords(texts);
        var merges = new List<(string, string)>();
        while (tokens.Count < options.MaxVocabularySize)
        {
            var best = MostFrequentPair(words);
            if (best is null || best.Value.Count < options.MinFrequency)
            {
                break;
            }

            var (left, right) = best.Value.Pair;
            merges.Add((left, right));
            if (known.Add(left + right))
            {
                // ("ab", "c") and ("a", "bc") make the same token; the vocabulary holds it once, as Hugging Face's does.
                tokens.Add(left + right);
            }

            foreach (var word in words)
            {
                Merge(word.Symbols, left, right);
            }
        }

        return new BpeVocabulary([.. options.SpecialTokens], tokens, merges);
    }

    /// <summary>Pre-tokenized words (byte-level symbols) with their counts, in ordinal order of the word.</summary>
    private static List<Word> CountWords(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (Match piece in Split.Matches(text))
            {
                var key = ByteLevelAlphabet.Encode(piece.Value);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new Word(p.Key.Select(c => c.ToString()).ToList(), p.Value))
            .ToList();
    }

    private static ((string, string) Pair, int Count)? MostFrequentPair(List<Word> words)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var word in words)
        {
            for (int i = 0; i + 1 < word.Symbols.Count; i++)
            {
                var pair = (word.Symbols[i], word.Symbols[i + 1]);
                counts[pair] = counts.GetValueOrDefault(pair) + word.Count;
            }
        }

        ((string, string) Pair, int Count)? best = null;
        foreach (var (pair, count) in counts)
        {
            if (best is null || count > best.Value.Count || (count == best.Value.Count && Compare(pair, best.Value.Pair) < 0))
            {
                best = (pair, count);
            }
        }

        return best;
    }

    private static int Compare((string Left, string Right) a, (string Left, string Right) b)
    {
        var c = string.CompareOrdinal(a.Left, b.Left);
        return c != 0 ? c : string.CompareOrdinal(a.Right, b.Right);
    }

    private static void Merge(List<string> symbols, string left, string right)
    {
        for (int i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                symbols[i] = left + right;
                symbols.RemoveAt(i + 1);
            }
        }
    }

    private sealed record Word(List<string> Symbols, int Count);
}
