using System.CommandLine;
using Microsoft.DurableTask.Client;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo terminate RUN_ID</c>: ends a run for good. Terminates the <c>TrainingRun</c> instance first (so it does
/// not retry the epoch it loses), then its epoch in flight and its wall-clock evaluation scheduler. Committed
/// checkpoints, rubric versions and metrics stay in storage.
/// </summary>
internal static class TerminateCommand
{
    public static Command Create() => RunControl.Create(
        "terminate", "Terminate a training run, its epoch in flight and its evaluation scheduler (artifacts stay).", "terminated", TerminateAsync);

    private static async Task<IReadOnlyList<RunControl.Acted>> TerminateAsync(
        RunSession session, RunProgressView run, string? reason, CancellationToken cancellationToken)
    {
        if (run.Metadata.IsCompleted)
        {
            throw new MpoInputException($"Run '{run.RunId}' is already {run.State}; nothing to terminate.");
        }

        var options = new TerminateInstanceOptions { Output = reason ?? "terminated by mpo terminate" };
        var acted = new List<RunControl.Acted>();
        await session.Client.TerminateInstanceAsync(run.RunId, options, cancellationToken);
        acted.Add(new(run.RunId, "run", run.State));
        foreach (var (id, kind) in new[]
                 {
                     (TaskNames.EpochInstance(run.RunId, run.Epoch), "epoch"),
                     (TaskNames.ScheduleInstance(run.RunId), "evaluation-schedule"),
                 })
        {
            if (await RunControl.LiveAsync(session, id, cancellationToken) is { } live)
            {
                await session.Client.TerminateInstanceAsync(id, options, cancellationToken);
                acted.Add(new(id, kind, RunProgressView.StateName(live.RuntimeStatus)));
            }
        }

        return acted;
    }
}
