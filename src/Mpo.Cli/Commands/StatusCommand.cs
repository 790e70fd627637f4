using System.CommandLine;
using System.Text.Json.Nodes;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo status RUN_ID [--json]</c>: where a training run stands. The state and progress come from its
/// <c>TrainingRun</c> instance (and its epoch in flight); the checkpoint is verified against storage, and the latest
/// metrics line and the evaluations are read from the run's blobs.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("status", "Show a training run's state, progress, checkpoint, latest metrics and evaluations.") { runId, json };
        var hub = HubOptions.AddTo(command, withContainer: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            var status = await session.GuardAsync(() => ReadAsync(session, parse.GetValue(runId)!, cancellationToken));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                RunJson.Write(output, status);
            }
            else
            {
                WriteText(output, status);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The status object of <c>mpo status --json</c> (also <c>mpo train --json</c>'s final object).</summary>
    internal static async Task<JsonObject> ReadAsync(RunSession session, string runId, CancellationToken cancellationToken)
    {
        var run = await RunLookup.GetAsync(session, runId, cancellationToken);
        var artifacts = new RunArtifacts(session, runId);
        var checkpoint = RunJson.Checkpoint(run.Checkpoint);
        if (run.Checkpoint is { } known && checkpoint is not null)
        {
            var stored = await artifacts.CommittedCheckpointAsync(known.Step, cancellationToken);
            checkpoint["verified"] = stored is not null && stored.ManifestSha256 == known.ManifestSha256;
            if (stored is null)
            {
                artifacts.Warnings.Add($"checkpoint of step {known.Step} is not committed in container '{session.Blobs.ContainerName}' (deleted by retention, or another container)");
            }
            else if (stored.ManifestSha256 != known.ManifestSha256)
            {
                artifacts.Warnings.Add($"checkpoint of step {known.Step}: the manifest in storage has sha256 {stored.ManifestSha256}, the run recorded {known.ManifestSha256}");
            }
        }

        var latest = await artifacts.LatestCommittedCheckpointAsync(cancellationToken);
        var evaluations = await artifacts.EvaluationsAsync(cancellationToken);
        var incidents = await artifacts.IncidentsAsync(cancellationToken);
        var metrics = await artifacts.LatestMetricsAsync(cancellationToken);
        return new JsonObject
        {
            ["runId"] = run.RunId,
            ["state"] = run.State,
            ["epoch"] = run.Epoch,
            ["step"] = run.Step,
            ["totalSteps"] = run.TotalSteps,
            ["rubricVersion"] = run.RubricVersion,
            ["checkpoint"] = checkpoint,
            ["latestCommitted"] = latest is null ? null : new JsonObject { ["step"] = latest.Step, ["sha256"] = latest.ManifestSha256 },
            ["latestMetrics"] = metrics,
            ["evaluations"] = new JsonArray([.. evaluations]),
            ["incidents"] = new JsonArray([.. incidents]),
            ["createdAt"] = run.Metadata.CreatedAt,
            ["lastUpdatedAt"] = run.Metadata.LastUpdatedAt,
            ["failure"] = RunJson.Failure(run.Metadata.FailureDetails),
            ["warnings"] = new JsonArray([.. artifacts.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]),
        };
    }

    private static void WriteText(TextWriter output, JsonObject s)
    {
        var rows = new List<(string, string)>
        {
            ("run", Text(s["runId"])),
            ("state", Text(s["state"])),
            ("epoch", Text(s["epoch"])),
            ("step", s["totalSteps"] is null ? Text(s["step"]) : $"{Text(s["step"])} / {Text(s["totalSteps"])}"),
            ("rubric version", Text(s["rubricVersion"])),
            ("checkpoint", s["checkpoint"] is JsonObject c
                ? $"step {Text(c["step"])}, manifest sha256 {Text(c["sha256"])}{(c["verified"]?.GetValue<bool>() == true ? " (verified in storage)" : " (NOT verified in storage)")}"
                : "(none)"),
            ("latest committed", s["latestCommitted"] is JsonObject l ? $"step {Text(l["step"])}" : "(none)"),
            ("created", Text(s["createdAt"])),
            ("last updated", Text(s["lastUpdatedAt"])),
        };
        if (s["latestMetrics"] is JsonObject metrics)
        {
            rows.Add(("latest metrics", string.Join(", ", metrics.Where(p => p.Value is JsonValue).Select(p => $"{p.Key} {Text(p.Value)}"))));
        }

        foreach (var e in (s["evaluations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            rows.Add(("evaluation", $"step {Text(e["step"])} ({Text(e["reason"])}): {Text(e["metric"])} = {Text(e["value"])}"));
        }

        foreach (var i in (s["incidents"] as JsonArray ?? []).OfType<JsonObject>())
        {
            rows.Add(("incident", $"checkpoint {Text(i["step"])} was corrupted and set aside; resumed from step {Text(i["resumed_from_step"])}"));
        }

        if (s["failure"] is JsonObject failure)
        {
            var inner = failure;
            while (inner["inner"] is JsonObject next)
            {
                inner = next;
            }

            rows.Add(("failure", $"{Text(inner["errorType"])}: {Text(inner["errorMessage"])}"));
        }

        foreach (var warning in (s["warnings"] as JsonArray ?? []))
        {
            rows.Add(("warning", Text(warning)));
        }

        TextTables.Write(output, TextTables.KeyValues(rows));
    }

    private static string Text(JsonNode? node) => TextTables.Show(node);
}
