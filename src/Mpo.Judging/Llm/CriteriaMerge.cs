using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Llm;

/// <summary>
/// Turns the MRM's criterion replies into rubric item texts: strips stray rubric tags, drops empties, and removes
/// duplicates by normalised text keeping first-seen order (deterministic, unlike the paper's set).
/// </summary>
/// <remarks>Minimal private version: the "rubrics" helper owns the deterministic merge; delegate to it at merge.</remarks>
internal static class CriteriaMerge
{
    private static readonly string[] Tags = ["<rubric>", "</rubric>", "<item>", "</item>"];

    public static IReadOnlyList<string> Clean(IEnumerable<string> replies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var reply in replies)
        {
            var text = reply;
            foreach (var tag in Tags)
            {
                text = text.Replace(tag, "", StringComparison.OrdinalIgnoreCase);
            }

            text = text.Trim();
            if (text.Length > 0 && seen.Add(RubricFormat.Normalize(text)))
            {
                kept.Add(text);
            }
        }

        return kept;
    }

    /// <summary>The paper's rubric text of a criteria list.</summary>
    public static string Render(IEnumerable<string> items) =>
        "<rubric>\n" + string.Join("\n\n", items.Select(t => $"<item>\n{t}\n</item>")) + "\n</rubric>";
}
