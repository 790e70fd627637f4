using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;

namespace Mpo.Cli.Bench;

/// <summary>The plain loop's side of <c>mpo bench pipeline</c>.</summary>
/// <param name="WallMs">Wall time of its steps.</param>
/// <param name="ActivityMs">Milliseconds in each activity kind's service code.</param>
/// <param name="Final">The state after the last step (its checkpoint manifest is compared).</param>
internal sealed record PlainLoopResult(double WallMs, IReadOnlyDictionary<string, double> ActivityMs, RunState Final);

/// <summary>The orchestrated side of <c>mpo bench pipeline</c>.</summary>
/// <param name="Scheduled">When the <c>TrainingRun</c> instance was scheduled (UTC).</param>
/// <param name="WallMs">Scheduling to completion, as the task hub records it.</param>
/// <param name="Spans">When each activity's code ran in the worker.</param>
/// <param name="Final">The orchestration's output state.</param>
internal sealed record OrchestratedRunResult(DateTime Scheduled, double WallMs, IReadOnlyList<ActivitySpan> Spans, RunState Final);

/// <summary>
/// Turns the two sides of <c>mpo bench pipeline</c> into its report. Kept apart from the runner so the arithmetic
/// (what counts as overhead, which gap is a hop) can be read in one place, next to <see cref="TimelineAnalysis"/>.
/// </summary>
internal static class PipelineBenchmarkComparison
{
    /// <summary>The target: the durable engine adds under 2% to the step time.</summary>
    public const double TargetShare = 0.02;

    /// <summary>Activity kinds in step order, for the report.</summary>
    private static readonly string[] StepOrder =
        [TaskNames.GenerateRollouts, TaskNames.ScoreRollouts, TaskNames.UpdatePolicy, TaskNames.ReviseRubric, TaskNames.CommitCheckpoint];

    /// <summary>Compares the sides: overhead is orchestrated step time in which no activity code ran.</summary>
    public static PipelineBenchmarkReport Compare(PipelineBenchmarkSettings settings, PlainLoopResult plain, OrchestratedRunResult orchestrated)
    {
        var spans = orchestrated.Spans;
        var stages = TimelineAnalysis.Stages(spans);
        var hops = TimelineAnalysis.Hops(stages);
        var busy = TimelineAnalysis.BusyMs(spans);
        var stepsMs = (stages[^1].End - stages[0].Start).TotalMilliseconds;
        var wallMs = Math.Max(orchestrated.WallMs, (stages[^1].End - orchestrated.Scheduled).TotalMilliseconds);
        var activities = StepOrder
            .Select(kind => new ActivityTime(
                kind,
                stages.Where(s => s.Activity == kind).Sum(s => (s.End - s.Start).TotalMilliseconds),
                plain.ActivityMs.GetValueOrDefault(kind)))
            .Where(a => a.OrchestratedMs > 0 || a.PlainMs > 0)
            .ToList();
        var host = settings.Host;
        return new PipelineBenchmarkReport(
            Steps: settings.Config.TotalSteps(),
            Config: settings.ConfigName,
            Threads: settings.Config.Threads,
            RolloutShards: settings.Config.RolloutShards,
            OverheadShare: Share(stepsMs - busy, stepsMs),
            OverheadPerStepMs: Math.Max(0, stepsMs - busy) / settings.Config.TotalSteps(),
            StepMsForTarget: Math.Max(0, stepsMs - busy) / settings.Config.TotalSteps() * (1 - TargetShare) / TargetShare,
            RunOverheadShare: Share(wallMs - busy, wallMs),
            HopLatencyMedianMs: TimelineAnalysis.Percentile(hops.Select(h => h.Ms), 0.5),
            HopLatencyP90Ms: TimelineAnalysis.Percentile(hops.Select(h => h.Ms), 0.9),
            Hops: TimelineAnalysis.HopsByActivity(hops, StepOrder),
            OrchestratedWallMs: wallMs,
            OrchestratedStepsMs: stepsMs,
            OrchestratedActivityMs: busy,
            StartupMs: (stages[0].Start - orchestrated.Scheduled).TotalMilliseconds,
            FinishMs: Math.Max(0, wallMs - (stages[^1].End - orchestrated.Scheduled).TotalMilliseconds),
            PlainWallMs: plain.WallMs,
            PlainActivityMs: plain.ActivityMs.Values.Sum(),
            WallRatioVsPlain: stepsMs / plain.WallMs,
            Activities: activities,
            SameFinalCheckpoint: orchestrated.Final.Checkpoint.ManifestSha256 == plain.Final.Checkpoint.ManifestSha256
                && orchestrated.Final.Step == plain.Final.Step,
            FinalStep: orchestrated.Final.Step,
            OrchestratedCheckpointSha256: orchestrated.Final.Checkpoint.ManifestSha256,
            PlainCheckpointSha256: plain.Final.Checkpoint.ManifestSha256,
            Durable: new DurableSettings(host.MaxQueuePollingInterval.TotalMilliseconds, host.MaxConcurrentActivityFunctions, host.PartitionCount));
    }

    private static double Share(double part, double whole) => whole <= 0 ? 0 : Math.Clamp(part / whole, 0, 1);
}
