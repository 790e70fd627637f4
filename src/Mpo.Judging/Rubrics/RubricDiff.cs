using System.Text;

namespace Mpo.Judging.Rubrics;

/// <summary>An item present in both versions whose text or check differs (items are matched by id).</summary>
/// <param name="Before">The item in the older version.</param>
/// <param name="After">The item in the newer version.</param>
public sealed record ChangedRubricItem(RubricItem Before, RubricItem After);

/// <summary>
/// What changed between two rubric versions, items matched by id: since ids come from the normalised text, a reworded
/// item shows as removed + added, and an item keeping its id shows as changed when its check (or, for an explicit id,
/// its text) differs.
/// </summary>
/// <param name="Added">Items only in the newer version, in its order.</param>
/// <param name="Removed">Items only in the older version, in its order.</param>
/// <param name="Changed">Items in both whose check or text differs.</param>
/// <param name="Unchanged">Ids of items identical in both.</param>
public sealed record RubricDiff(
    IReadOnlyList<RubricItem> Added, IReadOnlyList<RubricItem> Removed, IReadOnlyList<ChangedRubricItem> Changed, IReadOnlyList<string> Unchanged)
{
    /// <summary>Whether the two versions hold the same items with the same checks.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static RubricDiff Compute(Rubric before, Rubric after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var oldById = before.Items.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
        var newIds = after.Items.Select(i => i.Id).ToHashSet();
        var added = after.Items.Where(i => !oldById.ContainsKey(i.Id)).ToList();
        var removed = before.Items.Where(i => !newIds.Contains(i.Id)).ToList();
        var changed = new List<ChangedRubricItem>();
        var unchanged = new List<string>();
        foreach (var item in after.Items.Where(i => oldById.ContainsKey(i.Id)))
        {
            var old = oldById[item.Id];
            if (old.Text == item.Text && old.Check == item.Check)
            {
                unchanged.Add(item.Id);
            }
            else
            {
                changed.Add(new ChangedRubricItem(old, item));
            }
        }

        return new RubricDiff(added, removed, changed, unchanged);
    }

    /// <summary>
    /// A unified-style text: <c>---</c>/<c>+++</c> headers, then one <c>@@</c> hunk per removed, added or changed item
    /// with its lines prefixed by <c>-</c>, <c>+</c> or a space, and a summary line.
    /// </summary>
    public string Render(string beforeName, string afterName)
    {
        var sb = new StringBuilder();
        sb.Append("--- ").Append(beforeName).Append('\n');
        sb.Append("+++ ").Append(afterName).Append('\n');
        foreach (var item in Removed)
        {
            sb.Append("@@ removed ").Append(item.Id).Append(" @@\n");
            AppendItem(sb, '-', item);
        }

        foreach (var item in Added)
        {
            sb.Append("@@ added ").Append(item.Id).Append(" @@\n");
            AppendItem(sb, '+', item);
        }

        foreach (var change in Changed)
        {
            var what = change.Before.Text == change.After.Text ? "check" : change.Before.Check == change.After.Check ? "text" : "text and check";
            sb.Append("@@ changed ").Append(what).Append(' ').Append(change.After.Id).Append(" @@\n");
            if (change.Before.Text == change.After.Text)
            {
                AppendLines(sb, ' ', change.After.Text);
            }
            else
            {
                AppendLines(sb, '-', change.Before.Text);
                AppendLines(sb, '+', change.After.Text);
            }

            if (change.Before.Check != change.After.Check)
            {
                sb.Append("-check: ").Append(change.Before.Check ?? "(none)").Append('\n');
                sb.Append("+check: ").Append(change.After.Check ?? "(none)").Append('\n');
            }
        }

        sb.Append($"{Added.Count} added, {Removed.Count} removed, {Changed.Count} changed, {Unchanged.Count} unchanged\n");
        return sb.ToString();
    }

    private static void AppendItem(StringBuilder sb, char prefix, RubricItem item)
    {
        AppendLines(sb, prefix, item.Text);
        if (item.Check is not null)
        {
            sb.Append(prefix).Append("check: ").Append(item.Check).Append('\n');
        }
    }

    private static void AppendLines(StringBuilder sb, char prefix, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            sb.Append(prefix).Append(line.TrimEnd('\r')).Append('\n');
        }
    }
}
