namespace Mpo.Reports.Statistics;

/// <summary>
/// The mean and sample standard deviation of a few values (one per seed), which is what an experiment table
/// reports as "mean ± std over seeds".
/// </summary>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="Std">The sample standard deviation (divisor n − 1); 0 for a single value.</param>
/// <param name="Count">How many values.</param>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MeanStd Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Cannot summarise an empty set of values.", nameof(values));
        }

        if (list.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Cannot summarise values that are not finite.", nameof(values));
        }

        var mean = list.Average();
        var std = list.Count == 1 ? 0 : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        return new MeanStd(mean, std, list.Count);
    }

    /// <summary>"0.812 ± 0.034" with <paramref name="decimals"/> decimals (invariant culture).</summary>
    public string Format(int decimals = 3)
    {
        var format = "F" + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ± {Std.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
