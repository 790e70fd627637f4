namespace Mpo.Judging.Metrics;

/// <summary>
/// Mean and population standard deviation of float64 data computed the way numpy does (<c>np.mean</c>,
/// <c>np.std</c> with ddof 0): numpy's pairwise summation, then division by the count, so merged results match the
/// paper's files to the last bit rather than to a few digits.
/// </summary>
public static class NumpyStatistics
{
    /// <summary>Arithmetic mean (numpy pairwise sum divided by the count).</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        return PairwiseSum(values) / values.Length;
    }

    /// <summary>Population standard deviation: sqrt(mean(|x − mean(x)|²)), as <c>np.std</c>.</summary>
    public static double PopulationStd(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        double mean = Mean(values);
        var squares = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double d = values[i] - mean;
            squares[i] = d * d;
        }

        return Math.Sqrt(PairwiseSum(squares) / values.Length);
    }

    /// <summary>numpy's <c>pairwise_sum</c>: plain loop under 8 items, 8 accumulators up to 128, halves above.</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
