namespace Mpo.Activities;

/// <summary>Every activity class of the pipeline, for a worker's task registry.</summary>
public static class PipelineActivities
{
    /// <summary>The activity types, one per activity name in <see cref="Mpo.Core.Pipeline.TaskNames"/>.</summary>
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(GenerateRolloutsActivity), typeof(ScoreRolloutsActivity), typeof(UpdatePolicyActivity), typeof(ReviseRubricActivity),
        typeof(CommitCheckpointActivity), typeof(EvaluateActivity), typeof(LatestCheckpointActivity),
        typeof(RecoverCheckpointActivity),
    ];
}
