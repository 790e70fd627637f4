using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Llm;

/// <summary>
/// The integer range a rubric item declares, read from its text. The paper's rubrics state ranges in prose
/// ("an integer score from 0 (worst) to 5 (best)", "on a 1-6 scale") or as level headings ("Criterion for Integer
/// Score: **6**" … "**1**"); MRM-written items often declare none, and then any non-negative integer is accepted
/// (as the paper's <c>\d+</c> regex did).
/// </summary>
/// <param name="Min">Lowest allowed score.</param>
/// <param name="Max">Highest allowed score.</param>
public sealed partial record ScoreRange(int Min, int Max)
{
    /// <summary>The range an item declares, or <c>null</c>.</summary>
    public static ScoreRange? Declared(string itemText)
    {
        ArgumentNullException.ThrowIfNull(itemText);
        var levels = Level().Matches(itemText).Select(m => Int(m.Groups["n"].Value)).ToList();
        if (levels.Count >= 2)
        {
            return new ScoreRange(levels.Min(), levels.Max());
        }

        var m = Prose().Match(itemText);
        if (m.Success)
        {
            var (a, b) = (Int(m.Groups["a"].Value), Int(m.Groups["b"].Value));
            return a < b ? new ScoreRange(a, b) : null;
        }

        return null;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Integer\s+Score:\s*\**\s*(?<n>\d{1,3})", RegexOptions.IgnoreCase)]
    private static partial Regex Level();

    // "score ... from 0 (worst) to 5 (best)", "score between 1 and 10", "scored 0-5", "a 1–6 scale"
    [GeneratedRegex(
        @"(?:scor\w*|scale|integer|points?)\D{0,40}?(?:from|between)?\s*(?<a>\d{1,3})\s*(?:\([^)]{0,20}\))?\s*(?:to|and|-|–|—)\s*(?<b>\d{1,3})\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Prose();
}
