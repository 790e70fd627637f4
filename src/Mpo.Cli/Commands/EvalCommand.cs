using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo eval RUN_ID [--step N] [--wait] [--json]</c>: evaluates a committed checkpoint on demand by scheduling an
/// <c>Evaluation</c> orchestration (instance <see cref="TaskNames.EvaluationInstance"/> with reason <c>demand</c>)
/// for a worker to run. The Evaluate activity is idempotent, so asking again for the same step returns the
/// stored result.
/// </summary>
internal static class EvalCommand
{
    private const string Reason = "demand";

    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run id." };
        var step = new Option<int?>("--step") { Description = "Step of the committed checkpoint to evaluate (default: the latest committed)." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the evaluation and print its result (needs a running worker)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("eval", "Evaluate a run's committed checkpoint on the task's test split, on demand.") { runId, step, wait, json };
        var hub = HubOptions.AddTo(command, withContainer: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            var id = parse.GetValue(runId)!;
            var (instanceId, checkpoint, scheduled) = await session.GuardAsync(() =>
                ScheduleAsync(session, id, parse.GetValue(step), cancellationToken));
            var output = parse.InvocationConfiguration.Output;
            var result = new JsonObject
            {
                ["runId"] = id,
                ["instanceId"] = instanceId,
                ["checkpoint"] = RunJson.Checkpoint(checkpoint),
                ["scheduled"] = scheduled,
            };
            if (!parse.GetValue(json))
            {
                output.WriteLine(scheduled
                    ? $"Scheduled evaluation {instanceId} of checkpoint step {checkpoint.Step} (manifest sha256 {checkpoint.ManifestSha256})."
                    : $"Evaluation {instanceId} of checkpoint step {checkpoint.Step} is already in progress.");
            }

            if (parse.GetValue(wait))
            {
                parse.InvocationConfiguration.Error.WriteLine($"Waiting for {instanceId} (a worker on {session.Where} runs it)...");
                var done = await session.GuardAsync(() => session.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken));
                if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new MpoInputException(done.FailureDetails is { } failure
                        ? $"Evaluation {instanceId} failed: {RunJson.Describe(failure)}"
                        : $"Evaluation {instanceId} ended {RunProgressView.StateName(done.RuntimeStatus)}.");
                }

                var evaluation = done.ReadOutputAs<EvaluationResult>()!;
                result["result"] = new JsonObject
                {
                    ["step"] = evaluation.Step,
                    ["metric"] = evaluation.Metric,
                    ["value"] = evaluation.Value,
                    ["reason"] = evaluation.Reason,
                    ["blobPath"] = evaluation.BlobPath,
                };
                if (!parse.GetValue(json))
                {
                    output.WriteLine($"Step {evaluation.Step}: {evaluation.Metric} = {evaluation.Value:G6} (details in {session.Blobs.ContainerName}/{evaluation.BlobPath}).");
                }
            }

            if (parse.GetValue(json))
            {
                RunJson.Write(output, result);
            }

            return 0;
        });
        return command;
    }

    private static async Task<(string InstanceId, CheckpointRef Checkpoint, bool Scheduled)> ScheduleAsync(
        RunSession session, string runId, int? step, CancellationToken cancellationToken)
    {
        await RunLookup.GetAsync(session, runId, cancellationToken);
        var artifacts = new RunArtifacts(session, runId);
        var checkpoint = step is { } n
            ? await artifacts.CommittedCheckpointAsync(n, cancellationToken)
                ?? throw new MpoInputException(
                    $"Run '{runId}' has no committed checkpoint at step {n} in container '{session.Blobs.ContainerName}' " +
                    $"(committed steps: {Steps(await artifacts.CommittedStepsAsync(cancellationToken))}).")
            : await artifacts.LatestCommittedCheckpointAsync(cancellationToken)
                ?? throw new MpoInputException($"Run '{runId}' has no committed checkpoint in container '{session.Blobs.ContainerName}' yet.");

        var instanceId = TaskNames.EvaluationInstance(runId, checkpoint.Step, Reason);
        if (await RunControl.LiveAsync(session, instanceId, cancellationToken) is not null)
        {
            return (instanceId, checkpoint, false);
        }

        await session.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.Evaluation,
            new EvaluationRequest(runId, checkpoint, Reason),
            new StartOrchestrationOptions(instanceId),
            cancellationToken);
        return (instanceId, checkpoint, true);
    }

    private static string Steps(IReadOnlyList<int> steps) => steps.Count == 0 ? "none" : string.Join(", ", steps);
}
