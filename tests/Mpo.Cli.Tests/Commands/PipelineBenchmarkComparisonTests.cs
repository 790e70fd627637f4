using Mpo.Cli.Bench;
using Mpo.Core.Pipeline;
using Mpo.Hosting.Configuration;
using Mpo.Pipeline.Config;

namespace Mpo.Cli.Tests.Commands;

/// <summary>
/// How <c>mpo bench pipeline</c> turns the two sides into its report: overhead is orchestrated step time in which no
/// activity code ran, hops are the gaps between stages, and the checkpoints must match.
/// </summary>
public class PipelineBenchmarkComparisonTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Compare_TwoStepsWithKnownGaps_ReportsOverheadHopsAndTarget()
    {
        // Arrange: 2 steps of rollouts (2 shards) → score → update → commit; every hop is 10 ms, 80 ms in all
        // (4 hops in step 1, 3 in step 2 plus the hop into step 2's rollouts); 920 ms of activity code.
        var spans = new List<ActivitySpan>();
        var t = 0.0;
        for (var step = 0; step < 2; step++)
        {
            if (step > 0)
            {
                t += 10;
            }

            spans.Add(Span(TaskNames.GenerateRollouts, t, t + 100));
            spans.Add(Span(TaskNames.GenerateRollouts, t + 20, t + 150));
            t += 160;
            spans.Add(Span(TaskNames.ScoreRollouts, t, t + 50));
            t += 60;
            spans.Add(Span(TaskNames.UpdatePolicy, t, t + 200));
            t += 210;
            spans.Add(Span(TaskNames.CommitCheckpoint, t, t + 60));
            t += 60;
        }

        var orchestrated = new OrchestratedRunResult(T0.AddMilliseconds(-500), WallMs: t + 500 + 40, spans, State("abc"));
        var plain = new PlainLoopResult(WallMs: 900, new Dictionary<string, double> { [TaskNames.UpdatePolicy] = 400 }, State("abc"));

        // Act
        var report = PipelineBenchmarkComparison.Compare(Settings(steps: 2), plain, orchestrated);

        // Assert: step time t = 990 ms, 920 ms busy → 70 ms overhead (7 hops of 10 ms).
        Assert.Equal(990, report.OrchestratedStepsMs, 6);
        Assert.Equal(920, report.OrchestratedActivityMs, 6);
        Assert.Equal(70.0 / 990, report.OverheadShare, 9);
        Assert.Equal(35, report.OverheadPerStepMs, 6);
        Assert.Equal(35 * 49, report.StepMsForTarget, 6);
        Assert.Equal(10, report.HopLatencyMedianMs, 6);
        Assert.Equal(500, report.StartupMs, 6);
        Assert.Equal(40, report.FinishMs, 6);
        Assert.Equal((570.0 + 40) / (990 + 540), report.RunOverheadShare, 9);
        Assert.Equal(990.0 / 900, report.WallRatioVsPlain, 9);
        Assert.Equal(
            [(TaskNames.GenerateRollouts, 1), (TaskNames.ScoreRollouts, 2), (TaskNames.UpdatePolicy, 2), (TaskNames.CommitCheckpoint, 2)],
            report.Hops.Select(h => (h.Activity, h.Count)));
        Assert.Equal(300, report.Activities.Single(a => a.Activity == TaskNames.GenerateRollouts).OrchestratedMs, 6);
        Assert.Equal(400, report.Activities.Single(a => a.Activity == TaskNames.UpdatePolicy).PlainMs, 6);
        Assert.True(report.SameFinalCheckpoint);
    }

    [Fact]
    public void Compare_DifferentManifests_ReportsNotTheSameCheckpoint()
    {
        var spans = new[] { Span(TaskNames.GenerateRollouts, 0, 100), Span(TaskNames.UpdatePolicy, 150, 300) };
        var orchestrated = new OrchestratedRunResult(T0, WallMs: 300, spans, State("abc"));
        var plain = new PlainLoopResult(WallMs: 250, new Dictionary<string, double>(), State("abd"));

        var report = PipelineBenchmarkComparison.Compare(Settings(steps: 1), plain, orchestrated);

        Assert.False(report.SameFinalCheckpoint);
        Assert.Equal(50.0 / 300, report.OverheadShare, 9);
    }

    private static ActivitySpan Span(string activity, double startMs, double endMs) =>
        new(activity, T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs));

    private static RunState State(string sha256) => new("bench-x", 1, 2, new CheckpointRef(2, "checkpoints/000002/manifest.json", sha256), 0, 0);

    private static PipelineBenchmarkSettings Settings(int steps) =>
        new(new RunConfig { Epochs = 1, StepsPerEpoch = steps }, "test", ".", new DurableHostOptions(), OwnHub: true);
}
