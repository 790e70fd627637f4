namespace Mpo.Judging.Detectors;

/// <summary>Summary of one feature over a set of rollouts.</summary>
/// <param name="Mean">Mean over all rollouts.</param>
/// <param name="P10">10th percentile (linear interpolation at rank (n−1)·p).</param>
/// <param name="Median">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="BatchMeanStd">Population standard deviation of the per-batch means: how much a batch statistic moves by chance.</param>
public sealed record FeatureStats(double Mean, double P10, double Median, double P90, double BatchMeanStd)
{
    /// <summary>Summarises <paramref name="batches"/> of values (one inner list per batch).</summary>
    public static FeatureStats Of(IReadOnlyList<IReadOnlyList<double>> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var all = batches.SelectMany(b => b).OrderBy(v => v).ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("no values", nameof(batches));
        }

        var means = batches.Where(b => b.Count > 0).Select(b => b.Average()).ToList();
        double meanOfMeans = means.Average();
        double std = Math.Sqrt(means.Sum(m => (m - meanOfMeans) * (m - meanOfMeans)) / means.Count);
        return new FeatureStats(all.Average(), Percentile(all, 0.1), Percentile(all, 0.5), Percentile(all, 0.9), std);
    }

    /// <summary>Percentile of sorted values, linear interpolation at rank (n−1)·p.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        double rank = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((rank - lo) * (sorted[hi] - sorted[lo]));
    }
}
