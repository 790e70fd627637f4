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
}
