using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Rubrics;

/// <summary>
/// The integer score range an item declares (for example 0–5, or 1–6 for the expert essay rubric). Used to normalise a
/// reward by the rubric's maximum and to map an embedded check's pass/fail onto the item's scale.
/// </summary>
/// <param name="Min">Lowest score.</param>
/// <param name="Max">Highest score.</param>
public sealed partial record ScoreRange(int Min, int Max)
{
    /// <summary>
    /// Reads the range an item's text declares, trying in order: <c>#### Criterion for Integer Score: **N**</c> headings
    /// (min..max of the N), <c>- (N):</c> / <c>- N:</c> point lines (min(0, smallest)..largest), and a phrase
    /// "A to B" / "A–B" / "A-B" in a text that speaks of a score, scale, points or rating. Returns <c>null</c> if none.
    /// </summary>
    public static ScoreRange? FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var levels = IntegerScoreHeading().Matches(text).Select(m => Int(m.Groups["n"].Value)).ToList();
        if (levels.Count > 0)
        {
            return new ScoreRange(levels.Min(), levels.Max());
        }

        var points = PointLine().Matches(text).Select(m => Int(m.Groups["n"].Value)).ToList();
        if (points.Count > 0)
        {
            return new ScoreRange(Math.Min(0, points.Min()), Math.Max(0, points.Max()));
        }

        if (ScoreWord().IsMatch(text))
        {
            var m = RangePhrase().Match(text);
            if (m.Success)
            {
                int a = Int(m.Groups["a"].Value), b = Int(m.Groups["b"].Value);
                if (a < b)
                {
                    return new ScoreRange(a, b);
                }
            }
        }

        return null;
    }

    /// <summary><c>min..max</c>.</summary>
    public override string ToString() => $"{Min}..{Max}";

    private static int Int(string s) => int.Parse(s.Replace('−', '-'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Integer\s+Score\s*:\s*\**\s*(?<n>-?\d+)\s*\**", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerScoreHeading();

    [GeneratedRegex(@"^\s*-\s*\(?\s*(?<n>[+\-−]?\d+)\s*(?:points?|pts?)?\s*\)?\s*:", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex PointLine();

    [GeneratedRegex(@"\b(score|scale|points?|rating|rate|integer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreWord();

    [GeneratedRegex(@"(?<!\d|\d\.)(?<a>\d{1,3})\s*(?:\([^)\n]{0,20}\)\s*)?(?:to|–|—|-)\s*(?<b>\d{1,3})(?!\d|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex RangePhrase();
}
