using Mpo.Judging.Rubrics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Llm;

/// <summary>
/// Reads an integer from a judge's reply. With guided decoding the reply is just digits; without it the model may
/// wrap the number in words ("Score: 4/5"), so the first integer is taken (optionally signed when negatives are
/// allowed). No number, or one outside the declared range, is a failure, never 0.
/// </summary>
public static partial class ScoreParser
{
    /// <summary>Parses the first integer in <paramref name="reply"/> and checks it against <paramref name="range"/>.</summary>
    /// <param name="reply">The judge's reply.</param>
    /// <param name="range">The item's declared range, or <c>null</c> when it declares none.</param>
    /// <param name="score">The score when parsing succeeded.</param>
    /// <param name="failure">Why it failed, otherwise <c>null</c>.</param>
    public static bool TryParse(string? reply, ScoreRange? range, out int score, out string? failure)
    {
        score = 0;
        var allowNegative = range is { Min: < 0 };
        var match = (allowNegative ? SignedInteger() : Integer()).Match(reply ?? "");
        if (!match.Success)
        {
            failure = $"no integer in the reply '{Clip(reply)}'";
            return false;
        }

        if (!int.TryParse(match.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out score))
        {
            failure = $"integer '{Clip(match.Value)}' is too large";
            return false;
        }

        if (range is { } r && (score < r.Min || score > r.Max))
        {
            failure = $"score {score} is outside the declared range {r.Min}–{r.Max}";
            return false;
        }

        failure = null;
        return true;
    }

    /// <summary>A reply shortened for a failure message.</summary>
    internal static string Clip(string? text)
    {
        var flat = (text ?? "").ReplaceLineEndings(" ").Trim();
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Integer();

    [GeneratedRegex(@"[-−]?\d+")]
    private static partial Regex SignedInteger();
}
