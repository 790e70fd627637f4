using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Sets a run's corrupted checkpoints aside and returns the state to resume from, or null (<see cref="CheckpointRecovery"/>).</summary>
[DurableTask(TaskNames.RecoverCheckpoint)]
public sealed class RecoverCheckpointActivity(CheckpointRecovery recovery) : TaskActivity<RecoverCheckpointInput, RunState?>
{
    /// <inheritdoc />
    public override Task<RunState?> RunAsync(TaskActivityContext context, RecoverCheckpointInput input) =>
        recovery.ResumeStateAsync(input.RunId, input.StepsPerEpoch);
}
