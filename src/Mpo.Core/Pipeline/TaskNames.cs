namespace Mpo.Core.Pipeline;

/// <summary>
/// Registered names of the pipeline's orchestrations, activities and events. Names are part of the durable history:
/// renaming one breaks in-flight runs.
/// </summary>
public static class TaskNames
{
    public const string TrainingRun = "TrainingRun";
    public const string Epoch = "Epoch";
    public const string Evaluation = "Evaluation";
    public const string EvaluationSchedule = "EvaluationSchedule";

    public const string GenerateRollouts = "GenerateRollouts";
    public const string ScoreRollouts = "ScoreRollouts";
    public const string UpdatePolicy = "UpdatePolicy";
    public const string ReviseRubric = "ReviseRubric";
    public const string CommitCheckpoint = "CommitCheckpoint";
    public const string Evaluate = "Evaluate";
    public const string LatestCheckpoint = "LatestCheckpoint";
    public const string RecoverCheckpoint = "RecoverCheckpoint";

    /// <summary>The error type an activity fails with when a checkpoint it reads is missing a file or has an altered one.</summary>
    public const string CheckpointCorruptedError = "Mpo.Pipeline.Policy.CheckpointCorruptedException";

    /// <summary>External event telling the evaluation scheduler that its run has ended.</summary>
    public const string RunFinishedEvent = "RunFinished";

    /// <summary>Instance id of a run's wall-clock evaluation scheduler.</summary>
    public static string ScheduleInstance(string runId) => $"{runId}:eval-schedule";

    /// <summary>Instance id of an epoch of a run.</summary>
    public static string EpochInstance(string runId, int epoch) => $"{runId}:epoch:{epoch:D4}";

    /// <summary>Instance id of an evaluation of a checkpoint.</summary>
    public static string EvaluationInstance(string runId, int step, string reason) => $"{runId}:eval:{step:D6}:{reason}";
}
