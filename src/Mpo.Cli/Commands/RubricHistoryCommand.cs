using System.CommandLine;
using System.Text.Json.Nodes;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Judging.Rubrics;
using Spectre.Console;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo rubric history RUN_ID [--json]</c>: a run's rubric versions (under <see cref="BlobLayout.Rubrics"/>) with
/// their lineage, who wrote each, and the first line of the meta-reward model's analysis that led to it.
/// </summary>
internal static class RubricHistoryCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"runId\",\"versions\":[...]}." };
        var command = new Command("history", "List a run's rubric versions: version, parent, step, author, items, analysis.") { runId, json };
        var hub = HubOptions.AddTo(command, withContainer: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            var id = RunSession.CheckRunId(parse.GetValue(runId)!);
            var versions = await session.GuardAsync(() => ReadAsync(session, id, cancellationToken));
            var rows = versions.Select(v => new JsonObject
            {
                ["version"] = v.Version,
                ["parentVersion"] = v.ParentVersion,
                ["step"] = v.Step,
                ["author"] = v.Author.ToString(),
                ["itemCount"] = v.ItemIds.Count,
                ["analysis"] = v.Author.Kind == RubricAuthorKind.Mrm ? FirstLine(v.Analysis) : null,
            }).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                RunJson.Write(output, new JsonObject { ["runId"] = id, ["versions"] = new JsonArray([.. rows]) });
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "version", "parent", "step", "author", "items", "analysis" })
            {
                table.AddColumn(column);
            }

            foreach (var r in rows)
            {
                table.AddRow(
                    new Text($"v{TextTables.Show(r["version"])}"),
                    new Text(r["parentVersion"] is null ? "-" : $"v{TextTables.Show(r["parentVersion"])}"),
                    new Text(TextTables.Show(r["step"])),
                    new Text(TextTables.Show(r["author"])),
                    new Text(TextTables.Show(r["itemCount"])),
                    new Text(TextTables.Show(r["analysis"])));
            }

            TextTables.Write(output, table);
            return 0;
        });
        return command;
    }

    /// <summary>The run's versions; an error naming the place when it has none.</summary>
    internal static async Task<IReadOnlyList<RubricVersion>> ReadAsync(RunSession session, string runId, CancellationToken cancellationToken)
    {
        var versions = await new RunArtifacts(session, runId).RubricVersionsAsync(cancellationToken);
        return versions.Count > 0
            ? versions
            : throw new MpoInputException(
                $"Run '{runId}' has no rubric versions under {session.Blobs.ContainerName}/{BlobLayout.Rubrics(runId)} (unknown run, or another --container?).");
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
