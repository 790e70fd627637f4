using Mpo.Core;
using Mpo.Judging.Metrics.Elo;

namespace Mpo.Judging.Tests.Metrics.Elo;

public class EloMergeTests
{
    [Fact]
    public void Merge_TwoRuns_MeanAndPopulationStd()
    {
        // a: 990 and 1000 → mean 995, population std sqrt(((−5)²+5²)/2) = 5 (the sample std would be 7.07…).
        var runs = new[]
        {
            new EloRun("r1", [KeyValuePair.Create("a", 990.0), KeyValuePair.Create("b", 1010.0)]),
            new EloRun("r2", [KeyValuePair.Create("b", 1000.0), KeyValuePair.Create("a", 1000.0)]),
        };

        var summary = EloMerge.Merge(runs);

        Assert.Equal([KeyValuePair.Create("a", 995.0), KeyValuePair.Create("b", 1005.0)], summary.MeanElo);
        Assert.Equal([KeyValuePair.Create("a", 5.0), KeyValuePair.Create("b", 5.0)], summary.MeanStds);
    }

    [Fact]
    public void Merge_ModelsFromFirstRun_ExtraModelsOfLaterRunsIgnored()
    {
        var runs = new[]
        {
            new EloRun("r1", [KeyValuePair.Create("a", 1000.0)]),
            new EloRun("r2", [KeyValuePair.Create("a", 1006.0), KeyValuePair.Create("z", 3.0)]),
            new EloRun("r3", [KeyValuePair.Create("a", 1003.0)]),
        };

        var summary = EloMerge.Merge(runs);

        // mean 1003; deviations −3, 3, 0 → variance 18/3 = 6 → std sqrt(6).
        Assert.Equal("a", Assert.Single(summary.MeanElo).Key);
        Assert.Equal(1003.0, summary.MeanElo[0].Value);
        Assert.Equal(Math.Sqrt(6.0), summary.MeanStds[0].Value, 1e-12);
    }

    [Fact]
    public void Merge_LaterRunLacksModel_ErrorNamesRunAndModel()
    {
        var runs = new[]
        {
            new EloRun("first.scores.json", [KeyValuePair.Create("a", 1000.0), KeyValuePair.Create("b", 1000.0)]),
            new EloRun("second.scores.json", [KeyValuePair.Create("a", 1000.0)]),
        };

        var e = Assert.Throws<MpoInputException>(() => EloMerge.Merge(runs));

        Assert.Contains("second.scores.json", e.Message);
        Assert.Contains("\"b\"", e.Message);
    }

    [Fact]
    public void PairwiseSum_ManyValues_MatchesNumpyBlockOrder()
    {
        // 10 values: numpy adds 8 accumulators pairwise, then the remaining 2 in order.
        double[] values = [1e16, 1, -1e16, 1, 1, 1, 1, 1, 0.5, 0.25];
        double r = ((1e16 + 1) + (-1e16 + 1)) + ((1 + 1) + (1 + 1));
        double expected = r + 0.5 + 0.25;

        Assert.Equal(expected, Mpo.Judging.Metrics.NumpyStatistics.PairwiseSum(values));
    }
}
