namespace Mpo.Cli.Bench;

/// <summary>
/// The result of <c>mpo bench pipeline</c>: the same steps run through the durable orchestrations (on a task hub, with
/// an in-process worker) and through <see cref="Mpo.Pipeline.InProcessTrainingLoop"/>, one after the other in one
/// process. Times are milliseconds.
/// </summary>
/// <param name="Steps">Policy updates each side ran.</param>
/// <param name="Config">Which config: <c>embedded-default</c>, <c>tiny</c>, or the file given.</param>
/// <param name="Threads">Torch intra-op threads (the config's <c>threads</c>).</param>
/// <param name="RolloutShards">Shards the rollouts and scores of a step fan out over.</param>
/// <param name="OverheadShare">
/// Share of the orchestrated steps' time (first activity start to last activity end) in which no activity code ran:
/// the durable engine's cost per step, 0–1.
/// </param>
/// <param name="OverheadPerStepMs">Milliseconds per step in which no activity code ran (about the hops of a step).</param>
/// <param name="StepMsForTarget">
/// The activity time per step at which <paramref name="OverheadPerStepMs"/> would be 2% of the step (49 × it): the
/// step length from which the durable engine's cost meets the target.
/// </param>
/// <param name="RunOverheadShare">The same over the whole orchestrated run, including <paramref name="StartupMs"/> and <paramref name="FinishMs"/>.</param>
/// <param name="HopLatencyMedianMs">Median gap between one stage's last activity end and the next stage's first activity start.</param>
/// <param name="HopLatencyP90Ms">90th percentile of those gaps.</param>
/// <param name="Hops">The gaps by the activity they lead into.</param>
/// <param name="OrchestratedWallMs">Orchestrated run: scheduling the instance to its completion (as the task hub records it).</param>
/// <param name="OrchestratedStepsMs">Orchestrated run: first activity start to last activity end.</param>
/// <param name="OrchestratedActivityMs">Orchestrated run: time in which at least one activity's code ran.</param>
/// <param name="StartupMs">Orchestrated run: scheduling to the first activity start (instance and epoch start, first dispatch).</param>
/// <param name="FinishMs">Orchestrated run: last activity end to completion (epoch completion, ContinueAsNew, final episode).</param>
/// <param name="PlainWallMs">Plain loop: wall time of the same steps.</param>
/// <param name="PlainActivityMs">Plain loop: time in the activity services (stages timed as in the orchestrated run).</param>
/// <param name="WallRatioVsPlain"><paramref name="OrchestratedStepsMs"/> / <paramref name="PlainWallMs"/>.</param>
/// <param name="Activities">Time per activity kind on both sides.</param>
/// <param name="SameFinalCheckpoint">Whether both ended with the same checkpoint manifest (sha256): the orchestrations compute exactly what the loop computes.</param>
/// <param name="FinalStep">The step of the final checkpoints.</param>
/// <param name="OrchestratedCheckpointSha256">The orchestrated run's final manifest sha256.</param>
/// <param name="PlainCheckpointSha256">The plain loop's final manifest sha256.</param>
/// <param name="Durable">The durable engine settings the run used (host.json, environment).</param>
internal sealed record PipelineBenchmarkReport(
    int Steps,
    string Config,
    int Threads,
    int RolloutShards,
    double OverheadShare,
    double OverheadPerStepMs,
    double StepMsForTarget,
    double RunOverheadShare,
    double HopLatencyMedianMs,
    double HopLatencyP90Ms,
    IReadOnlyList<HopLatency> Hops,
    double OrchestratedWallMs,
    double OrchestratedStepsMs,
    double OrchestratedActivityMs,
    double StartupMs,
    double FinishMs,
    double PlainWallMs,
    double PlainActivityMs,
    double WallRatioVsPlain,
    IReadOnlyList<ActivityTime> Activities,
    bool SameFinalCheckpoint,
    int FinalStep,
    string OrchestratedCheckpointSha256,
    string PlainCheckpointSha256,
    DurableSettings Durable);

/// <summary>Milliseconds spent in one activity kind (all its stages, parallel shards counted once) on each side.</summary>
/// <param name="Activity">The activity kind.</param>
/// <param name="OrchestratedMs">In the orchestrated run.</param>
/// <param name="PlainMs">In the plain loop.</param>
internal sealed record ActivityTime(string Activity, double OrchestratedMs, double PlainMs);

/// <summary>The durable settings that bear on hop latency.</summary>
/// <param name="MaxQueuePollingIntervalMs">Longest wait between polls of an idle queue.</param>
/// <param name="MaxConcurrentActivityFunctions">Activities the worker runs at once.</param>
/// <param name="PartitionCount">Control-queue partitions.</param>
internal sealed record DurableSettings(double MaxQueuePollingIntervalMs, int MaxConcurrentActivityFunctions, int PartitionCount);
