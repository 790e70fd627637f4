using System.Text.Json;
using Mpo.Cli.Tests.Commands;

namespace Mpo.Cli.Tests.Runs;

/// <summary>Runs an <c>mpo</c> run command in-process against a <see cref="FakeRunPipeline"/>'s storage and hub.</summary>
internal static class RunCli
{
    public static Task<(int Code, string Out, string Err)> RunAsync(FakeRunPipeline pipeline, params string[] args) =>
        CliRun.RunAsync([.. args, "--storage", pipeline.ConnectionString, "--hub", pipeline.Hub]);

    /// <summary>Runs a <c>--json</c> command, asserts exit 0 and exactly one JSON object on stdout.</summary>
    public static async Task<JsonElement> JsonAsync(FakeRunPipeline pipeline, params string[] args)
    {
        var (code, output, error) = await RunAsync(pipeline, [.. args, "--json"]);
        Assert.True(code == 0, $"mpo {string.Join(' ', args)} exited {code}: {error}");
        using var document = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    /// <summary>Polls <c>mpo status --json</c> until <paramref name="condition"/> holds.</summary>
    public static async Task<JsonElement> StatusUntilAsync(FakeRunPipeline pipeline, string runId, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await JsonAsync(pipeline, "status", runId);
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"status of {runId} never met the condition; last: {status}");
            }

            await Task.Delay(250);
        }
    }
}
