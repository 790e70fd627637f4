using Mpo.Reports.Statistics;

namespace Mpo.Reports.Tests;

public sealed class MeanStdTests
{
    [Fact]
    public void Of_ThreeValues_GivesMeanAndSampleStd()
    {
        var stats = MeanStd.Of([0.5, 0.7, 0.9]);

        Assert.Equal(0.7, stats.Mean, 12);
        Assert.Equal(0.2, stats.Std, 12); // sqrt(((-0.2)² + 0 + 0.2²) / 2)
        Assert.Equal(3, stats.Count);
    }

    [Fact]
    public void Of_OneValue_HasZeroStd()
    {
        var stats = MeanStd.Of([0.42]);

        Assert.Equal(0.42, stats.Mean, 12);
        Assert.Equal(0, stats.Std);
    }

    [Fact]
    public void Of_EmptyOrNaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => MeanStd.Of([]));
        Assert.Throws<ArgumentException>(() => MeanStd.Of([1, double.NaN]));
    }

    [Fact]
    public void Format_Decimals_UsesInvariantCulture()
    {
        Assert.Equal("0.700 ± 0.200", MeanStd.Of([0.5, 0.7, 0.9]).Format());
        Assert.Equal("12.3 ± 0.0", MeanStd.Of([12.34]).Format(1));
    }

    [Fact]
    public void Across_SeedsWithDifferentSteps_KeepsOnlyCommonStepsAndSkipsNaN()
    {
        IReadOnlyList<(double X, double Y)> a = [(0, 1), (1, 2), (2, 3)];
        IReadOnlyList<(double X, double Y)> b = [(0, 3), (2, 5), (3, 9)];
        IReadOnlyList<(double X, double Y)> c = [(0, 2), (1, double.NaN), (2, 4)];

        var band = Band.Across([a, b, c]);

        Assert.Equal([0.0, 2.0], band.X);
        Assert.Equal([2.0, 4.0], band.Mean);
        Assert.Equal([1.0, 3.0], band.Low);
        Assert.Equal([3.0, 5.0], band.High);
    }
}
