using System.Text.RegularExpressions;

namespace Mpo.Judging.Metrics.Rouge;

/// <summary>
/// <c>rouge-score</c>'s default tokenizer: lower-case, replace every run of characters outside <c>[a-z0-9]</c> by a
/// space, split on whitespace, Porter-stem tokens longer than 3 characters (when stemming), keep non-empty
/// <c>[a-z0-9]+</c> tokens. Non-ASCII letters therefore split words, as in the original.
/// </summary>
public static partial class RougeTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="useStemmer">Porter-stem tokens longer than 3 characters (the paper: true).</param>
    public static IReadOnlyList<string> Tokenize(string text, bool useStemmer = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Python's str.lower() uses the full mapping, where U+0130 (İ) becomes "i" + U+0307 and so splits the word.
        var lowered = text.Replace("\u0130", "i\u0307", StringComparison.Ordinal).ToLowerInvariant();
        var cleaned = NonAlphanumeric().Replace(lowered, " ");
        var tokens = new List<string>();
        foreach (var raw in cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            tokens.Add(useStemmer && raw.Length > 3 ? PorterStemmer.Stem(raw) : raw);
        }

        // The stemmer never empties a token longer than 3 characters, but keep the original's final check.
        tokens.RemoveAll(t => t.Length == 0);
        return tokens;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
