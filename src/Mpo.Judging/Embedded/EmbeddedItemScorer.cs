using System.Collections.Concurrent;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded.Checks;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Embedded;

/// <summary>
/// Scores one rubric item for one response by running the item's check: the embedded engine's per-item verdict
/// (an integer in the item's range plus a one-sentence rationale). A judge test server playing the LLM reward model
/// answers each rationale/score turn with this.
/// </summary>
public static class EmbeddedItemScorer
{
    private static readonly ConcurrentDictionary<string, Check> Parsed = new(StringComparer.Ordinal);

    /// <summary>The parsed check of an item (cached by text), or <c>null</c> when it has none.</summary>
    /// <exception cref="CheckSyntaxException">The check does not parse.</exception>
    public static Check? CheckOf(RubricItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Check is null ? null : Parsed.GetOrAdd(item.Check, CheckParser.Parse);
    }

    /// <summary>The item's score range: its check's <c>score</c> part, else the range its text declares, else 0..1 for a checked item; <c>null</c> for an unchecked item without a declared range.</summary>
    public static ScoreRange? RangeOf(RubricItem item)
    {
        var declared = ScoreRange.FromText(item.Text);
        var check = CheckOf(item);
        return check is null ? declared : CheckEvaluator.RangeOf(check, declared);
    }

    /// <summary>
    /// The item of <paramref name="rubric"/> whose normalised text equals <paramref name="itemText"/>, or <c>null</c>.
    /// LLM judges see item texts without ids or checks; a test server playing one finds the checked item this way.
    /// </summary>
    public static RubricItem? FindByText(Rubric rubric, string itemText)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(itemText);
        var wanted = RubricFormat.Normalize(itemText);
        return rubric.Items.FirstOrDefault(i => RubricFormat.Normalize(i.Text) == wanted);
    }

    /// <summary>
    /// Scores <paramref name="item"/> for <paramref name="sample"/>. Never throws for a bad check or a missing field:
    /// the returned <see cref="ItemScore"/> then has a null score and a <see cref="ItemScore.Failure"/>.
    /// </summary>
    public static ItemScore Score(RubricItem item, JudgeSample sample, UncheckedItemPolicy uncheckedItems = UncheckedItemPolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(sample);
        if (item.Check is null)
        {
            return uncheckedItems == UncheckedItemPolicy.Skip
                ? new ItemScore(item.Id, null, "Skipped: the item has no check.")
                : new ItemScore(item.Id, null, null, $"item {item.Id} has no check; the embedded judge scores only items with a check (docs/check-language.md)");
        }

        try
        {
            var check = CheckOf(item)!;
            var outcome = CheckEvaluator.Evaluate(check, sample, ScoreRange.FromText(item.Text));
            return new ItemScore(item.Id, outcome.Score, outcome.Explanation);
        }
        catch (CheckSyntaxException e)
        {
            return new ItemScore(item.Id, null, null, $"item {item.Id}: {e.Message}");
        }
        catch (CheckEvaluationException e)
        {
            return new ItemScore(item.Id, null, null, $"item {item.Id}: {e.Message}");
        }
    }
}
