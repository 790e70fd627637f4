using System.Text.RegularExpressions;

namespace Mpo.Judging.Embedded;

/// <summary>
/// The text statistics behind the check language and the reward-hacking detectors. Words are whitespace-separated
/// (as the fixtures' word counts); n-grams are over lower-cased letter/digit tokens.
/// </summary>
public static partial class TextMeasures
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are",
        "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "i", "you", "he", "she", "we", "they",
        "his", "her", "their", "our", "my", "your", "not", "no", "so", "if", "than", "then", "there", "which", "who", "what",
        "can", "will", "would", "has", "have", "had", "do", "does", "did", "also", "more", "most", "such", "into", "about",
    };

    /// <summary>Whitespace-separated words.</summary>
    public static int Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Lower-cased letter/digit tokens.</summary>
    public static IReadOnlyList<string> Tokens(string text) =>
        TokenPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    /// <summary>The word n-grams of <paramref name="tokens"/>, joined by spaces.</summary>
    public static IReadOnlyList<string> NGrams(IReadOnlyList<string> tokens, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var grams = new List<string>(Math.Max(0, tokens.Count - n + 1));
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            grams.Add(string.Join(' ', tokens.Skip(i).Take(n)));
        }

        return grams;
    }

    /// <summary>Share of n-grams taken by the most frequent one, 0 when no n-gram repeats.</summary>
    public static double MaxRepeatedNgramShare(string text, int n)
    {
        var grams = NGrams(Tokens(text), n);
        if (grams.Count == 0)
        {
            return 0;
        }

        int top = grams.GroupBy(g => g, StringComparer.Ordinal).Max(g => g.Count());
        return top < 2 ? 0 : (double)top / grams.Count;
    }

    /// <summary>Distinct n-grams / n-grams; 1 when the text has no n-gram (nothing repeats).</summary>
    public static double Distinct(string text, int n)
    {
        var grams = NGrams(Tokens(text), n);
        return grams.Count == 0 ? 1 : (double)grams.Distinct(StringComparer.Ordinal).Count() / grams.Count;
    }

    /// <summary>Share of the response's n-grams that occur in the prompt; 0 when the response has none.</summary>
    public static double PromptOverlap(string response, string prompt, int n)
    {
        var grams = NGrams(Tokens(response), n);
        if (grams.Count == 0)
        {
            return 0;
        }

        var promptGrams = NGrams(Tokens(prompt), n).ToHashSet(StringComparer.Ordinal);
        return (double)grams.Count(promptGrams.Contains) / grams.Count;
    }

    /// <summary>Occurrences of the most frequent content (non-stop) word / all tokens; 0 for an empty text.</summary>
    public static double TopWordShare(string text)
    {
        var tokens = Tokens(text);
        var content = tokens.Where(t => !StopWords.Contains(t)).ToList();
        if (content.Count == 0)
        {
            return 0;
        }

        return (double)content.GroupBy(t => t, StringComparer.Ordinal).Max(g => g.Count()) / tokens.Count;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TokenPattern();
}
