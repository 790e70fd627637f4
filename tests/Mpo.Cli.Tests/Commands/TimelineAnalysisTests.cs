using Mpo.Cli.Bench;

namespace Mpo.Cli.Tests.Commands;

/// <summary>The arithmetic of <c>mpo bench pipeline</c>: stages, busy time, hops and percentiles from activity spans.</summary>
public class TimelineAnalysisTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Stages_ParallelShardsThenNextKind_GroupsShardsIntoOneStage()
    {
        var spans = new[]
        {
            Span("Score", 130, 150), Span("Rollouts", 0, 100), Span("Rollouts", 10, 120), Span("Update", 170, 300),
        };

        var stages = TimelineAnalysis.Stages(spans);

        Assert.Equal(["Rollouts", "Score", "Update"], stages.Select(s => s.Activity));
        Assert.Equal(T0, stages[0].Start);
        Assert.Equal(T0.AddMilliseconds(120), stages[0].End);
    }

    [Fact]
    public void BusyMs_OverlappingAndDisjointSpans_CountsTheUnionOnce()
    {
        var spans = new[] { Span("A", 0, 100), Span("A", 50, 120), Span("B", 200, 250) };

        Assert.Equal(170, TimelineAnalysis.BusyMs(spans), 6);
    }

    [Fact]
    public void Hops_ConsecutiveStages_AreGapsLabelledWithTheNextActivity()
    {
        var stages = TimelineAnalysis.Stages([Span("Rollouts", 0, 100), Span("Rollouts", 0, 120), Span("Score", 150, 160), Span("Update", 200, 300)]);

        var hops = TimelineAnalysis.Hops(stages);

        Assert.Equal([("Score", 30.0), ("Update", 40.0)], hops);
    }

    [Fact]
    public void HopsByActivity_SeveralKinds_MedianAndP90PerKindInOrder()
    {
        var hops = new List<(string, double)> { ("Score", 10), ("Update", 40), ("Score", 30), ("Score", 20) };

        var byKind = TimelineAnalysis.HopsByActivity(hops, ["Rollouts", "Score", "Update"]);

        Assert.Equal(2, byKind.Count);
        Assert.Equal(new HopLatency("Score", 3, 20, 28), byKind[0]);
        Assert.Equal(new HopLatency("Update", 1, 40, 40), byKind[1]);
    }

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void Percentile_FourValues_InterpolatesBetweenOrderStatistics(double q, double expected)
    {
        Assert.Equal(expected, TimelineAnalysis.Percentile([4, 1, 3, 2], q), 9);
    }

    [Fact]
    public void Percentile_NoValues_IsZero()
    {
        Assert.Equal(0, TimelineAnalysis.Percentile([], 0.5));
    }

    private static ActivitySpan Span(string activity, double startMs, double endMs) =>
        new(activity, T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs));
}
