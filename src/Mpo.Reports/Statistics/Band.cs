namespace Mpo.Reports.Statistics;

/// <summary>
/// A series averaged over seeds with a ± one standard deviation band: what a plot line with a shaded area shows.
/// Only x values present in every seed's series are kept, so the mean never mixes different numbers of seeds.
/// </summary>
/// <param name="X">The x values, ascending.</param>
/// <param name="Mean">The mean over seeds at each x.</param>
/// <param name="Low">Mean − std at each x.</param>
/// <param name="High">Mean + std at each x.</param>
public sealed record Band(IReadOnlyList<double> X, IReadOnlyList<double> Mean, IReadOnlyList<double> Low, IReadOnlyList<double> High)
{
    /// <summary>The band of <paramref name="series"/> (one list of (x, y) points per seed; NaN y values are left out).</summary>
    public static Band Across(IReadOnlyList<IReadOnlyList<(double X, double Y)>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return new Band([], [], [], []);
        }

        var lookups = series.Select(s => s.Where(p => double.IsFinite(p.Y)).GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.Last().Y)).ToList();
        var xs = lookups[0].Keys.Where(x => lookups.All(l => l.ContainsKey(x))).Order().ToList();
        var stats = xs.Select(x => MeanStd.Of(lookups.Select(l => l[x]))).ToList();
        return new Band(xs, stats.Select(s => s.Mean).ToList(), stats.Select(s => s.Mean - s.Std).ToList(), stats.Select(s => s.Mean + s.Std).ToList());
    }
}
