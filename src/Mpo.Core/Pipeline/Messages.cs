namespace Mpo.Core.Pipeline;

/// <summary>Input of the <c>TrainingRun</c> orchestration (and of each ContinueAsNew generation).</summary>
/// <param name="Plan">The run's plan.</param>
/// <param name="State">Where the run stands.</param>
/// <param name="Recoveries">Corrupted-checkpoint recoveries the run has made so far (bounded, so a fault that
/// recovery cannot clear still ends the run).</param>
public sealed record TrainingRunInput(RunPlan Plan, RunState State, int Recoveries = 0);

/// <summary>Input of <c>RecoverCheckpoint</c>: set a run's corrupted checkpoints aside and say where it resumes.</summary>
public sealed record RecoverCheckpointInput(string RunId, int StepsPerEpoch);

/// <summary>Input of one <c>Epoch</c> sub-orchestration.</summary>
public sealed record EpochInput(RunPlan Plan, RunState State);

/// <summary>Input of one rollout shard: which prompts, from which checkpoint.</summary>
public sealed record RolloutShardInput(string RunId, int Step, int Shard, int ShardCount, CheckpointRef Checkpoint, long DataCursor);

/// <summary>A write-once blob produced for (run, step, shard), with what it holds.</summary>
/// <param name="BlobPath">Where the shard's records are.</param>
/// <param name="Sha256">SHA-256 of the blob.</param>
/// <param name="Count">Number of records (rollouts or scores).</param>
/// <param name="PromptsConsumed">Training prompts this shard used (rollout shards; 0 otherwise).</param>
public sealed record ShardOutput(string RunId, int Step, int Shard, string BlobPath, string Sha256, int Count, int PromptsConsumed);

/// <summary>Input of one scoring shard: the rollouts to score with a rubric version.</summary>
public sealed record ScoreShardInput(string RunId, int Step, int RubricVersion, ShardOutput Rollouts);

/// <summary>Input of the policy update from checkpoint <c>From</c> to step <c>From.Step + 1</c>.</summary>
public sealed record UpdatePolicyInput(string RunId, int Step, CheckpointRef From, IReadOnlyList<ShardOutput> Rollouts, IReadOnlyList<ShardOutput> Scores, int RubricVersion, long NextDataCursor);

/// <summary>The staged (not yet committed) files of the next checkpoint.</summary>
/// <param name="StagingPrefix">Blob prefix holding the new checkpoint's files, without a manifest.</param>
public sealed record UpdatePolicyOutput(string RunId, int Step, string StagingPrefix);

/// <summary>Input of a rubric revision from the scored rollouts of steps (<c>FromStep</c>, <c>Step</c>].</summary>
public sealed record ReviseRubricInput(string RunId, int Step, int RubricVersion, int FromStep);

/// <summary>Result of a revision: the version in force afterwards.</summary>
/// <param name="RubricVersion">The new version, or the old one when nothing was revised.</param>
/// <param name="Revised">Whether a new version was written.</param>
/// <param name="Failure">Why the MRM produced no rubric (recorded; the old rubric stays), or null.</param>
public sealed record ReviseRubricOutput(int RubricVersion, bool Revised, string? Failure);

/// <summary>Input of the checkpoint commit: write the manifest of the staged files last, then apply retention.</summary>
public sealed record CommitCheckpointInput(string RunId, UpdatePolicyOutput Update, int RubricVersion, long DataCursor);

/// <summary>Input of an evaluation of one checkpoint on the task's test split.</summary>
/// <param name="Reason">Why it runs: <c>epoch</c>, <c>schedule</c> or <c>demand</c>.</param>
public sealed record EvaluationRequest(string RunId, CheckpointRef Checkpoint, string Reason);

/// <summary>An evaluation's outcome; the full per-prompt results are in the blob.</summary>
public sealed record EvaluationResult(string RunId, int Step, string Metric, double Value, string BlobPath, string Reason);

/// <summary>Input of the wall-clock evaluation scheduler of a run.</summary>
/// <param name="LastEvaluatedStep">Step of the last checkpoint it evaluated; -1 for none.</param>
public sealed record EvaluationScheduleInput(string RunId, double EveryMinutes, int LastEvaluatedStep);

/// <summary>What <c>mpo status</c> reads from a running <c>TrainingRun</c>'s custom status.</summary>
public sealed record TrainingProgress(int Epoch, int Step, int TotalSteps, int RubricVersion, CheckpointRef Checkpoint);
