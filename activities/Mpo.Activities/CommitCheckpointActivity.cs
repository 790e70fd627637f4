using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Commits the staged checkpoint (manifest last) and applies retention (<see cref="CheckpointCommitService"/>).</summary>
[DurableTask(TaskNames.CommitCheckpoint)]
public sealed class CommitCheckpointActivity(CheckpointCommitService service) : TaskActivity<CommitCheckpointInput, CheckpointRef>
{
    /// <inheritdoc />
    public override Task<CheckpointRef> RunAsync(TaskActivityContext context, CommitCheckpointInput input) => service.CommitAsync(input);
}
