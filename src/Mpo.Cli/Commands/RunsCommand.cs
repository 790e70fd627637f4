using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Core.Pipeline;
using Spectre.Console;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo runs [--json]</c>: every training run on the task hub (its <c>TrainingRun</c> instances), oldest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"runs\":[...]}." };
        var command = new Command("runs", "List the training runs on the task hub with their state and progress.") { json };
        var hub = HubOptions.AddTo(command, withContainer: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            var runs = await session.GuardAsync(() => ListAsync(session, cancellationToken));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                RunJson.Write(output, new JsonObject { ["runs"] = new JsonArray([.. runs]) });
                return 0;
            }

            if (runs.Count == 0)
            {
                output.WriteLine($"No training runs on {session.Where}.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "run", "state", "step", "rubric", "created", "last updated" })
            {
                table.AddColumn(column);
            }

            foreach (var r in runs)
            {
                table.AddRow(
                    new Text(TextTables.Show(r["runId"])),
                    new Text(TextTables.Show(r["state"])),
                    new Text($"{TextTables.Show(r["step"])} / {TextTables.Show(r["totalSteps"])}"),
                    new Text($"v{TextTables.Show(r["rubricVersion"])}"),
                    new Text(TextTables.Show(r["createdAt"])),
                    new Text(TextTables.Show(r["lastUpdatedAt"])));
            }

            TextTables.Write(output, table);
            return 0;
        });
        return command;
    }

    private static async Task<List<JsonObject>> ListAsync(RunSession session, CancellationToken cancellationToken)
    {
        var runs = new List<RunProgressView>();
        await foreach (var instance in session.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).WithCancellation(cancellationToken))
        {
            if (instance.Name == TaskNames.TrainingRun)
            {
                runs.Add(await RunLookup.WithEpochProgressAsync(session, RunProgressView.From(instance), cancellationToken));
            }
        }

        return runs.OrderBy(r => r.Metadata.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).Select(r => new JsonObject
        {
            ["runId"] = r.RunId,
            ["state"] = r.State,
            ["epoch"] = r.Epoch,
            ["step"] = r.Step,
            ["totalSteps"] = r.TotalSteps,
            ["rubricVersion"] = r.RubricVersion,
            ["createdAt"] = r.Metadata.CreatedAt,
            ["lastUpdatedAt"] = r.Metadata.LastUpdatedAt,
        }).ToList();
    }
}
