using Microsoft.DurableTask.Client;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Runs;

/// <summary>
/// Where a run stands as its <c>TrainingRun</c> instance tells it: the state name the CLI shows, and the progress
/// from the final <see cref="RunState"/> (completed), else the <see cref="TrainingProgress"/> custom status, else
/// the input of the current ContinueAsNew generation (not started yet).
/// </summary>
/// <param name="RunId">The run id (= the instance id).</param>
/// <param name="State">Pending, Running, Suspended, Completed, Failed or Terminated.</param>
/// <param name="Epoch">The epoch in progress (0-based); the number of epochs when completed.</param>
/// <param name="Step">Policy updates applied (the committed checkpoint's step).</param>
/// <param name="TotalSteps">Updates of the whole run, or null when the instance carries no plan.</param>
/// <param name="RubricVersion">The rubric version in force.</param>
/// <param name="Checkpoint">The latest committed checkpoint the run knows of.</param>
/// <param name="Metadata">The instance as the client returned it.</param>
internal sealed record RunProgressView(
    string RunId, string State, int Epoch, int Step, int? TotalSteps, int RubricVersion, CheckpointRef? Checkpoint, OrchestrationMetadata Metadata)
{
    /// <summary>Epochs of the whole run, or null when the instance carries no plan.</summary>
    public int? Epochs { get; init; }

    /// <summary>Reads an instance fetched with its inputs and outputs.</summary>
    public static RunProgressView From(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var input = metadata.SerializedInput is null ? null : metadata.ReadInputAs<TrainingRunInput>();
        var progress = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<TrainingProgress>();
        var final = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is not null
            ? metadata.ReadOutputAs<RunState>()
            : null;
        int? total = progress?.TotalSteps ?? input?.Plan.TotalSteps;
        var view = new RunProgressView(metadata.InstanceId, StateName(metadata.RuntimeStatus), 0, 0, total, 0, null, metadata)
        {
            Epochs = input?.Plan.Epochs,
        };
        if (final is not null)
        {
            return view with { Epoch = final.Epoch, Step = final.Step, RubricVersion = final.RubricVersion, Checkpoint = final.Checkpoint };
        }

        if (progress is not null)
        {
            return view.With(progress);
        }

        return input is null
            ? view
            : view with { Epoch = input.State.Epoch, Step = input.State.Step, RubricVersion = input.State.RubricVersion, Checkpoint = input.State.Checkpoint };
    }

    /// <summary>This view advanced to <paramref name="progress"/> (the run's epoch sub-orchestration reports each step).</summary>
    public RunProgressView With(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return this with
        {
            Epoch = progress.Epoch,
            Step = progress.Step,
            TotalSteps = progress.TotalSteps,
            RubricVersion = progress.RubricVersion,
            Checkpoint = progress.Checkpoint,
        };
    }

    /// <summary>The state name shown for a runtime status; a generation that has just continued-as-new is running.</summary>
    public static string StateName(OrchestrationRuntimeStatus status) => status switch
    {
#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK but the Azure Storage backend reports it between generations.
        OrchestrationRuntimeStatus.ContinuedAsNew => "Running",
#pragma warning restore CS0618
        _ => status.ToString(),
    };
}
