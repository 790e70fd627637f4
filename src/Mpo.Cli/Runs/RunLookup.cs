using Microsoft.DurableTask.Client;
using Mpo.Core;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Runs;

/// <summary>Finds a run's <c>TrainingRun</c> instance (the run id is its instance id) and its epoch in flight.</summary>
internal static class RunLookup
{
    /// <summary>The run's progress, including the step-by-step progress of its epoch in flight.</summary>
    /// <exception cref="MpoInputException">No training run has this id on the hub.</exception>
    public static async Task<RunProgressView> GetAsync(RunSession session, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        RunSession.CheckRunId(runId);
        var metadata = await session.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            throw new MpoInputException($"No training run '{runId}' on {session.Where}. 'mpo runs' lists the runs there.");
        }

        if (metadata.Name != TaskNames.TrainingRun)
        {
            throw new MpoInputException($"'{runId}' on {session.Where} is a {metadata.Name} instance, not a training run.");
        }

        return await WithEpochProgressAsync(session, RunProgressView.From(metadata), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="view"/> advanced to its epoch in flight's progress: the run's own status changes once per
    /// epoch, its epoch sub-orchestration's after every committed step.
    /// </summary>
    public static async Task<RunProgressView> WithEpochProgressAsync(RunSession session, RunProgressView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Metadata.IsCompleted
            && await GetEpochAsync(session, view.RunId, view.Epoch, cancellationToken).ConfigureAwait(false) is { SerializedCustomStatus: not null } epoch
            && epoch.ReadCustomStatusAs<TrainingProgress>() is { } progress && progress.Step > view.Step)
        {
            return view.With(progress);
        }

        return view;
    }

    /// <summary>The instance of epoch <paramref name="epoch"/> of the run, or null when it has not started.</summary>
    public static Task<OrchestrationMetadata?> GetEpochAsync(RunSession session, string runId, int epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Client.GetInstanceAsync(TaskNames.EpochInstance(runId, epoch), getInputsAndOutputs: true, cancellationToken);
    }
}
