using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Llm;

/// <summary>
/// The integer range a rubric item declares, read from its text. The paper's rubrics state ranges in prose
/// ("an integer score from 0 (worst) to 5 (best)", "between 1 and 10", "on a scale of 1 to 6") or as level
/// headings ("Criterion for Integer Score: **6**" … "**1**"). When several statements appear, the widest range they
/// span is taken, so a sub-band such as "scores 3 to 4 mean adequate" cannot make a valid score out of range.
/// MRM-written items often declare none; then any non-negative integer is accepted (as the paper's <c>\d+</c> did).
/// </summary>
/// <param name="Min">Lowest allowed score.</param>
/// <param name="Max">Highest allowed score.</param>
public sealed partial record ScoreRange(int Min, int Max)
{
    /// <summary>The range an item declares, or <c>null</c>.</summary>
    public static ScoreRange? Declared(string itemText)
    {
        ArgumentNullException.ThrowIfNull(itemText);
        var bounds = new List<int>();
        var levels = Level().Matches(itemText).Select(m => Int(m.Groups["n"].Value)).ToList();
        if (levels.Count >= 2)
        {
            bounds.AddRange(levels);
        }

        foreach (Match m in Prose().Matches(itemText))
        {
            var (a, b) = (Int(m.Groups["a"].Value), Int(m.Groups["b"].Value));
            if (a < b)
            {
                bounds.Add(a);
                bounds.Add(b);
            }
        }

        return bounds.Count >= 2 ? new ScoreRange(bounds.Min(), bounds.Max()) : null;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Integer\s+Score:\s*\**\s*(?<n>\d{1,3})", RegexOptions.IgnoreCase)]
    private static partial Regex Level();

    // "score … from 0 (worst) to 5 (best)", "score between 1 and 10", "on a scale of 1 to 6"
    [GeneratedRegex(
        @"(?:scor\w*|scale|integer|points?)[^.\n]{0,40}?\b(?:from|between|of)\s+(?<a>\d{1,3})\s*(?:\([^)]{0,20}\))?\s*(?:to|and|-|–)\s*(?<b>\d{1,3})\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Prose();
}
