using System.Text.Json;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Storage;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary><c>mpo train</c> in-process with its own worker, on Azurite, with the tiny config (real model, real activities).</summary>
[Collection(RunsCollection.Name)]
public sealed class TrainCommandTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 300_000)]
    public async Task Train_TinyConfig_CompletesAndRerunDoesNotRedoSteps()
    {
        // Arrange: the smoke-test config in a temp file, a fresh hub and run id.
        using var folder = new TempFolder();
        var configFile = Path.Combine(folder.Path, "tiny.json");
        await File.WriteAllTextAsync(configFile, RunConfigJson.Serialize(RunConfigTemplates.Tiny()));
        var hub = TestNames.Unique("train");
        var runId = TestNames.Unique("run");
        string[] common = ["--storage", azurite.ConnectionString, "--hub", hub];

        // Act: train to completion, then train again with the same id.
        var (code, output, error) = await Commands.CliRun.RunAsync(["train", "--config", configFile, "--run-id", runId, "--json", .. common]);
        Assert.True(code == 0, $"mpo train exited {code}: {error}");
        using var trained = JsonDocument.Parse(output);
        var metricsAfterFirst = await CountMetricsLinesAsync(runId);
        var (againCode, againOutput, againError) = await Commands.CliRun.RunAsync(["train", "--run-id", runId, "--json", .. common]);
        var (statusCode, statusOutput, statusError) = await Commands.CliRun.RunAsync(["status", runId, "--json", .. common]);

        // Assert: completed at the planned step with a verified checkpoint, rubric revisions and an evaluation.
        Assert.Equal("Completed", trained.RootElement.GetProperty("state").GetString());
        Assert.True(statusCode == 0, statusError);
        using var status = JsonDocument.Parse(statusOutput);
        var s = status.RootElement;
        var total = RunConfigTemplates.Tiny().Epochs * RunConfigTemplates.Tiny().StepsPerEpoch;
        Assert.Equal(total, s.GetProperty("totalSteps").GetInt32());
        Assert.Equal(total, s.GetProperty("step").GetInt32());
        Assert.Equal(total, s.GetProperty("checkpoint").GetProperty("step").GetInt32());
        Assert.True(s.GetProperty("checkpoint").GetProperty("verified").GetBoolean());
        var (historyCode, historyOutput, historyError) = await Commands.CliRun.RunAsync(["rubric", "history", runId, "--json", .. common]);
        Assert.True(historyCode == 0, historyError);
        using var history = JsonDocument.Parse(historyOutput);
        var versions = history.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToList();
        Assert.Contains(0, versions);
        Assert.Equal(versions.Max(), s.GetProperty("rubricVersion").GetInt32());
        Assert.NotEmpty(s.GetProperty("evaluations").EnumerateArray());
        Assert.Equal(total, metricsAfterFirst);

        // The rerun attaches to the completed run: exit 0, same final state, no step applied again.
        Assert.True(againCode == 0, $"second mpo train exited {againCode}: {againError}");
        using var again = JsonDocument.Parse(againOutput);
        Assert.Equal("Completed", again.RootElement.GetProperty("state").GetString());
        Assert.Equal(s.GetProperty("checkpoint").GetProperty("sha256").GetString(), again.RootElement.GetProperty("checkpoint").GetProperty("sha256").GetString());
        Assert.Equal(metricsAfterFirst, await CountMetricsLinesAsync(runId));
    }

    [Fact]
    public async Task Train_BadRunId_ExitsOneWithMessage()
    {
        var (code, _, error) = await Commands.CliRun.RunAsync(["train", "--run-id", "Bad_Id", "--storage", azurite.ConnectionString]);

        Assert.Equal(1, code);
        Assert.Contains("'Bad_Id' is not a run id", error, StringComparison.Ordinal);
    }

    private async Task<int> CountMetricsLinesAsync(string runId)
    {
        var blobs = BlobArtifactStore.Create(StorageConnection.FromConnectionString(azurite.ConnectionString));
        var count = 0;
        await foreach (var _ in blobs.ListAsync(BlobLayout.MetricsPrefix(runId)))
        {
            count++;
        }

        return count;
    }
}
