using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>The run's newest committed checkpoint, or null (<see cref="LatestCheckpointService"/>).</summary>
[DurableTask(TaskNames.LatestCheckpoint)]
public sealed class LatestCheckpointActivity(LatestCheckpointService service) : TaskActivity<string, CheckpointRef?>
{
    /// <inheritdoc />
    public override Task<CheckpointRef?> RunAsync(TaskActivityContext context, string input) => service.LatestAsync(input);
}
