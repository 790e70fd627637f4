using System.CommandLine;
using Microsoft.DurableTask.Client;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo resume RUN_ID</c>: continues a run that <c>mpo suspend</c> paused (its epoch in flight first, then the run).</summary>
internal static class ResumeCommand
{
    public static Command Create() => RunControl.Create(
        "resume", "Resume a suspended training run (and its epoch in flight).", "resumed", ResumeAsync);

    private static async Task<IReadOnlyList<RunControl.Acted>> ResumeAsync(
        RunSession session, RunProgressView run, string? reason, CancellationToken cancellationToken)
    {
        var acted = new List<RunControl.Acted>();
        if (await RunControl.LiveAsync(session, TaskNames.EpochInstance(run.RunId, run.Epoch), cancellationToken) is
            { RuntimeStatus: OrchestrationRuntimeStatus.Suspended } epoch)
        {
            await session.Client.ResumeInstanceAsync(epoch.InstanceId, reason, cancellationToken);
            acted.Add(new(epoch.InstanceId, "epoch", RunProgressView.StateName(epoch.RuntimeStatus)));
        }

        if (run.Metadata.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
        {
            await session.Client.ResumeInstanceAsync(run.RunId, reason, cancellationToken);
            acted.Add(new(run.RunId, "run", run.State));
        }

        return acted.Count > 0
            ? acted
            : throw new MpoInputException($"Run '{run.RunId}' is {run.State}, not suspended; nothing to resume.");
    }
}
