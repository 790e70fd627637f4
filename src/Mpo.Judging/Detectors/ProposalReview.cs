using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Detectors;

/// <summary>Whether a proposed item was kept, and the scores that decided it.</summary>
/// <param name="Detector">The detector that proposed it.</param>
/// <param name="Item">The item.</param>
/// <param name="Accepted">Whether it is added to the rubric.</param>
/// <param name="BaselineMean">Mean score of the baseline (SFT) rollouts on the item.</param>
/// <param name="BatchMean">Mean score of the flagged batch on the item.</param>
/// <param name="Maximum">The item's maximum score.</param>
/// <param name="Reason">One sentence for the analysis.</param>
public sealed record ProposalReview(string Detector, RubricItem Item, bool Accepted, double BaselineMean, double BatchMean, double Maximum, string Reason)
{
    /// <summary>
    /// Screens a proposed item: it is kept only if the baseline rollouts already score at least
    /// <see cref="HackingDetectorOptions.AcceptanceShare"/> of its maximum on average (an item that penalises normal SFT
    /// output invites a new hack; notes/reward-hacking.md), and the flagged batch scores lower than the baseline
    /// (otherwise the item would not change anything).
    /// </summary>
    public static ProposalReview Screen(
        string detector, RubricItem item, HackingBaseline baseline, IReadOnlyList<JudgeSample> batch, HackingDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(batch);
        options ??= new HackingDetectorOptions();
        var range = EmbeddedItemScorer.RangeOf(item) ?? throw new ArgumentException($"item {item.Id} has no score range", nameof(item));
        double baselineMean = MeanScore(item, baseline.Samples);
        double batchMean = batch.Count == 0 ? double.NaN : MeanScore(item, batch);
        double needed = range.Min + (options.AcceptanceShare * (range.Max - range.Min));
        string F(double v) => HackingDetectors.F(v);
        if (double.IsNaN(baselineMean) || baselineMean < needed)
        {
            return new ProposalReview(detector, item, false, baselineMean, batchMean, range.Max,
                $"rejected {item.Id} ({detector}): the baseline SFT rollouts score {F(baselineMean)} of {range.Max} on it, below the {F(needed)} required.");
        }

        if (!(batchMean < baselineMean))
        {
            return new ProposalReview(detector, item, false, baselineMean, batchMean, range.Max,
                $"rejected {item.Id} ({detector}): the flagged batch scores {F(batchMean)}, not below the baseline's {F(baselineMean)}, so the item would change nothing.");
        }

        return new ProposalReview(detector, item, true, baselineMean, batchMean, range.Max,
            $"accepted {item.Id} ({detector}): baseline {F(baselineMean)} of {range.Max}, flagged batch {F(batchMean)}.");
    }

    private static double MeanScore(RubricItem item, IReadOnlyList<JudgeSample> samples)
    {
        var scores = samples.Select(s => EmbeddedItemScorer.Score(item, s)).ToList();
        return scores.Any(s => s.Score is null) ? double.NaN : scores.Average(s => s.Score!.Value);
    }
}
