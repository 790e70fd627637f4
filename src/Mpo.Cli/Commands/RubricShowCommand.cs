using System.CommandLine;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Core;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo rubric show RUN_ID [--version K] [--json]</c>: one rubric version of a run (default the latest): its
/// rubric text, or with <c>--json</c> the whole stored version record.
/// </summary>
internal static class RubricShowCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run id." };
        var version = new Option<int?>("--version") { Description = "The version number (default: the latest)." };
        var json = new Option<bool>("--json") { Description = "Print the version record as one JSON object." };
        var command = new Command("show", "Print one of a run's rubric versions (default the latest).") { runId, version, json };
        var hub = HubOptions.AddTo(command, withContainer: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            var id = RunSession.CheckRunId(parse.GetValue(runId)!);
            var versions = await session.GuardAsync(() => RubricHistoryCommand.ReadAsync(session, id, cancellationToken));
            var wanted = parse.GetValue(version);
            var chosen = wanted is { } k
                ? versions.FirstOrDefault(v => v.Version == k)
                    ?? throw new MpoInputException(
                        $"Run '{id}' has no rubric version {k} (versions: {string.Join(", ", versions.Select(v => v.Version))}).")
                : versions[^1];
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                // The stored record, re-serialized on one line so the output is exactly one JSON object.
                RunJson.Write(output, System.Text.Json.Nodes.JsonNode.Parse(chosen.ToJson())!);
            }
            else
            {
                output.WriteLine($"# run {id}, rubric v{chosen.Version} (step {chosen.Step}, {chosen.Author}" +
                                 (chosen.ParentVersion is { } p ? $", revises v{p})" : ")"));
                output.WriteLine(chosen.Text.TrimEnd());
            }

            return 0;
        });
        return command;
    }
}
