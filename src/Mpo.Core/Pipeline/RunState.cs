namespace Mpo.Core.Pipeline;

/// <summary>
/// Where a training run stands: the whole state a <c>TrainingRun</c> orchestration carries across ContinueAsNew.
/// Small on purpose: everything heavy is in blobs it references.
/// </summary>
/// <param name="RunId">The run id.</param>
/// <param name="Epoch">The next epoch to run (0-based).</param>
/// <param name="Step">Updates applied so far (= the checkpoint's step).</param>
/// <param name="Checkpoint">The latest committed checkpoint.</param>
/// <param name="RubricVersion">The rubric version in force.</param>
/// <param name="DataCursor">Index of the next training prompt (wraps around the data set).</param>
public sealed record RunState(string RunId, int Epoch, int Step, CheckpointRef Checkpoint, int RubricVersion, long DataCursor);
