using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Embedded;

/// <summary>The lowest and highest reward a rubric allows: the sums of its items' ranges.</summary>
/// <param name="Minimum">Sum of item minimums.</param>
/// <param name="Maximum">Sum of item maximums.</param>
/// <param name="ItemsWithoutRange">Ids of items whose range is unknown (left out of the sums).</param>
public sealed record RubricScale(double Minimum, double Maximum, IReadOnlyList<string> ItemsWithoutRange)
{
    /// <summary>The scale of <paramref name="rubric"/>, using <see cref="EmbeddedItemScorer.RangeOf"/> per item.</summary>
    /// <param name="rubric">The rubric.</param>
    /// <param name="skipUnchecked">Leave items without a check out (as <see cref="UncheckedItemPolicy.Skip"/> does).</param>
    public static RubricScale Of(Rubric rubric, bool skipUnchecked = false)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        double min = 0, max = 0;
        var missing = new List<string>();
        foreach (var item in rubric.Items.Where(i => !skipUnchecked || i.Check is not null))
        {
            var range = EmbeddedItemScorer.RangeOf(item);
            if (range is null)
            {
                missing.Add(item.Id);
                continue;
            }

            min += range.Min;
            max += range.Max;
        }

        return new RubricScale(min, max, missing);
    }
}
