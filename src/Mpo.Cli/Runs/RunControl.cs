using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Mpo.Cli.Hosting;

namespace Mpo.Cli.Runs;

/// <summary>
/// The shape of <c>mpo suspend|resume|terminate RUN_ID [--reason TEXT] [--json]</c>: find the run, act on its
/// instances through the durable client, print what was done. Each command supplies the action.
/// </summary>
internal static class RunControl
{
    /// <summary>What an action did to one instance.</summary>
    /// <param name="InstanceId">The instance acted on.</param>
    /// <param name="Kind">What it is: <c>run</c>, <c>epoch</c> or <c>evaluation-schedule</c>.</param>
    /// <param name="Before">Its state before.</param>
    public sealed record Acted(string InstanceId, string Kind, string Before);

    /// <summary>Builds the command; <paramref name="act"/> returns the instances it acted on.</summary>
    /// <param name="name">The command name.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="pastTense">How the output names the action (<c>suspended</c>).</param>
    /// <param name="act">Acts on the run (the reason may be null); throws <see cref="Mpo.Core.MpoInputException"/> when the run's state forbids it.</param>
    public static Command Create(
        string name, string description, string pastTense,
        Func<RunSession, RunProgressView, string?, CancellationToken, Task<IReadOnlyList<Acted>>> act)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run id." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the instance history)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command(name, description) { runId, reason, json };
        var hub = HubOptions.AddTo(command, withContainer: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            var id = parse.GetValue(runId)!;
            var acted = await session.GuardAsync(async () =>
            {
                var run = await RunLookup.GetAsync(session, id, cancellationToken);
                return await act(session, run, parse.GetValue(reason), cancellationToken);
            });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                RunJson.Write(output, new JsonObject
                {
                    ["runId"] = id,
                    ["action"] = name,
                    ["reason"] = parse.GetValue(reason),
                    ["instances"] = new JsonArray([.. acted.Select(a => (JsonNode)new JsonObject
                    {
                        ["instanceId"] = a.InstanceId,
                        ["kind"] = a.Kind,
                        ["before"] = a.Before,
                    })]),
                });
                return 0;
            }

            foreach (var a in acted)
            {
                output.WriteLine($"{Capitalized(pastTense)} {a.Kind} {a.InstanceId} (was {a.Before}).");
            }

            output.WriteLine($"The request is applied when a worker on {session.Where} processes it; 'mpo status {id}' shows the state.");
            return 0;
        });
        return command;
    }

    /// <summary>The instance if it exists and has not finished; null otherwise.</summary>
    public static async Task<OrchestrationMetadata?> LiveAsync(RunSession session, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var instance = await session.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        return instance is { IsCompleted: false } ? instance : null;
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
