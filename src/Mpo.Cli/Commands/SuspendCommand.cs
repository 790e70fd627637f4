using System.CommandLine;
using Microsoft.DurableTask.Client;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo suspend RUN_ID</c>: pauses a run. Suspends the <c>TrainingRun</c> instance and its epoch in flight (a
/// suspended parent does not pause its sub-orchestration, which runs the steps); the activity in flight finishes,
/// nothing further is scheduled until <c>mpo resume</c>.
/// </summary>
internal static class SuspendCommand
{
    public static Command Create() => RunControl.Create(
        "suspend", "Suspend a training run (and its epoch in flight) until 'mpo resume'.", "suspended", SuspendAsync);

    private static async Task<IReadOnlyList<RunControl.Acted>> SuspendAsync(
        RunSession session, RunProgressView run, string? reason, CancellationToken cancellationToken)
    {
        if (run.Metadata.IsCompleted)
        {
            throw new MpoInputException($"Run '{run.RunId}' is {run.State}; only a pending or running run can be suspended.");
        }

        var acted = new List<RunControl.Acted>();
        await session.Client.SuspendInstanceAsync(run.RunId, reason, cancellationToken);
        acted.Add(new(run.RunId, "run", run.State));
        if (await RunControl.LiveAsync(session, TaskNames.EpochInstance(run.RunId, run.Epoch), cancellationToken) is { } epoch
            && epoch.RuntimeStatus != OrchestrationRuntimeStatus.Suspended)
        {
            await session.Client.SuspendInstanceAsync(epoch.InstanceId, reason, cancellationToken);
            acted.Add(new(epoch.InstanceId, "epoch", RunProgressView.StateName(epoch.RuntimeStatus)));
        }

        return acted;
    }
}
