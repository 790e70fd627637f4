namespace Mpo.Judging.Rubrics;

/// <summary>
/// Merges rubrics deterministically: items in first-seen order, later items whose normalised text equals an earlier
/// one dropped. The paper's code deduplicates through a Python set (arbitrary order); a stable order keeps item ids,
/// diffs and training reproducible.
/// </summary>
public static class RubricMerge
{
    /// <summary>Merges <paramref name="rubrics"/> in order (the current rubric first, then proposals).</summary>
    public static Rubric Merge(params IEnumerable<Rubric> rubrics)
    {
        ArgumentNullException.ThrowIfNull(rubrics);
        return new Rubric(MergeItems(rubrics.SelectMany(r => r.Items)));
    }

    /// <summary>The items in first-seen order without duplicates (by normalised text, or by id).</summary>
    public static IReadOnlyList<RubricItem> MergeItems(IEnumerable<RubricItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var seenText = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<RubricItem>();
        foreach (var item in items)
        {
            if (seenText.Add(RubricFormat.Normalize(item.Text)) & seenIds.Add(item.Id))
            {
                merged.Add(item);
            }
        }

        return merged;
    }

    /// <summary>
    /// Turns free-text criteria (an LLM meta-reward model's replies) into item texts: stray <c>&lt;rubric&gt;</c> and
    /// <c>&lt;item&gt;</c> tags removed, empties dropped, duplicates by normalised text dropped, first-seen order kept.
    /// </summary>
    public static IReadOnlyList<string> CleanCriteria(IEnumerable<string> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var items = replies
            .Select(r => StrayTags.Aggregate(r, (text, tag) => text.Replace(tag, "", StringComparison.OrdinalIgnoreCase)).Trim())
            .Where(t => t.Length > 0)
            .Select(t => new RubricItem(RubricFormat.IdFor(t), t));
        return MergeItems(items).Select(i => i.Text).ToList();
    }

    /// <summary>The rubric text of a criteria list as a judge reads it (<see cref="RubricFormat.RenderForJudge"/>).</summary>
    public static string RenderCriteria(IEnumerable<string> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return RubricFormat.RenderForJudge(new Rubric(criteria.Select(t => new RubricItem(RubricFormat.IdFor(t), t)).ToList()));
    }

    private static readonly string[] StrayTags = ["<rubric>", "</rubric>", "<item>", "</item>"];
}
