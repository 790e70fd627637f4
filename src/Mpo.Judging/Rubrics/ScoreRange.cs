using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Rubrics;

/// <summary>
/// The integer score range an item declares (for example 0–5, or 1–6 for the expert essay rubric). The LLM reward model
/// rejects a judge's score outside it; the embedded judge maps a check's pass/fail onto it; both normalise a reward by
/// the rubric's maximum with it.
/// </summary>
/// <param name="Min">Lowest score.</param>
/// <param name="Max">Highest score.</param>
public sealed partial record ScoreRange(int Min, int Max)
{
    /// <summary>
    /// Reads the range an item's text declares from every statement of one: <c>#### Criterion for Integer Score: **N**</c>
    /// headings, <c>- (N):</c> / <c>- N:</c> point lines (which also admit 0), and, in a text that speaks of a score,
    /// scale, points or rating, phrases "from A to B", "between A and B", "A to B", "A–B". When several appear, the
    /// widest range they span is taken, so a sub-band such as "a score from 4 to 6 means adequate" inside "a scale of 1
    /// to 10" cannot make a valid score out of range. Returns <c>null</c> when the text declares none (many MRM-written
    /// items); then any integer is accepted, as the paper's <c>\d+</c> did.
    /// </summary>
    public static ScoreRange? FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bounds = IntegerScoreHeading().Matches(text).Select(m => Int(m.Groups["n"].Value)).ToList();
        var points = PointLine().Matches(text).Select(m => Int(m.Groups["n"].Value)).ToList();
        if (points.Count > 0)
        {
            bounds.AddRange([.. points, 0]);
        }

        if (ScoreWord().IsMatch(text))
        {
            foreach (Match m in RangePhrase().Matches(text))
            {
                int a = Int(m.Groups["a"].Value), b = Int(m.Groups["b"].Value);
                if (a < b)
                {
                    bounds.AddRange([a, b]);
                }
            }
        }

        return bounds.Count == 0 ? null : new ScoreRange(bounds.Min(), bounds.Max());
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

    // "0 (worst) to 5 (best)", "1–6", "0-10", "between 1 and 10"; not "1914-1918" (too many digits) nor "0.5-1".
    [GeneratedRegex(@"(?<!\d|\d\.)(?:between\s+)?(?<a>\d{1,3})\s*(?:\([^)\n]{0,20}\)\s*)?(?:to|–|—|-|(?<=between\s+\d{1,3}\s*)and)\s*(?<b>\d{1,3})(?!\d|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex RangePhrase();
}
