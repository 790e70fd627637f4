using System.Text.Json;
using Mpo.Core.Pipeline;
using Mpo.Storage;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary><c>mpo experiment hacking</c> in-process with its own worker, on Azurite, at smoke-test scale (real model, real activities).</summary>
[Collection(RunsCollection.Name)]
public sealed class ExperimentHackingCommandTests(AzuriteFixture azurite)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact(Timeout = 300_000)]
    public async Task Hacking_TinyOneSeed_RunsThreeDurableArmsAndWritesSeriesAndPlots()
    {
        // Arrange: a fresh hub and output folder; 2 updates per run with an evaluation after each.
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "hacking");
        string[] args = ["experiment", "hacking", "--tiny", "--seeds", "1", "--steps", "2", "--eval-every", "1", "--output", output, "--json",
            "--storage", azurite.ConnectionString, "--hub", TestNames.Unique("hack")];

        // Act: run the experiment, then run it again.
        var (code, stdout, stderr) = await Commands.CliRun.RunAsync(args);
        Assert.True(code == 0, $"mpo experiment hacking exited {code}: {stderr}");
        var metricsAfterFirst = await CountMetricsLinesAsync(output);
        var (againCode, againStdout, againStderr) = await Commands.CliRun.RunAsync(args);

        // Assert: three completed durable runs (one per arm) with their series, a summary per arm, and the files.
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("hacking", root.GetProperty("experiment").GetString());
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["fixed-initial", "fixed-expert", "mpo"], runs.Select(r => r.GetProperty("arm").GetString()));
        foreach (var run in runs)
        {
            Assert.Equal("Completed", run.GetProperty("state").GetString());
            Assert.Equal(42, run.GetProperty("seed").GetInt32());
            Assert.Equal([1, 2], run.GetProperty("training").EnumerateArray().Select(t => t.GetProperty("step").GetInt32()));
            Assert.Equal([0, 1, 2], run.GetProperty("oracle").EnumerateArray().Select(o => o.GetProperty("step").GetInt32()));
            var first = run.GetProperty("training")[0];
            Assert.InRange(first.GetProperty("rewardNormalized").GetDouble(), 0, 1);
            Assert.Equal(first.GetProperty("rewardMean").GetDouble() / first.GetProperty("rewardMaximum").GetDouble(), first.GetProperty("rewardNormalized").GetDouble(), 9);
            Assert.InRange(run.GetProperty("oracle")[0].GetProperty("score").GetDouble(), 0.5, 1);
        }

        // The expert arm scores with the expert rubric (4 items × 5), the others with the flawed one (20 + 5 + 5).
        Assert.Equal(20, runs[1].GetProperty("training")[0].GetProperty("rewardMaximum").GetDouble());
        Assert.Equal(30, runs[0].GetProperty("training")[0].GetProperty("rewardMaximum").GetDouble());
        var summary = root.GetProperty("summary").EnumerateArray().ToList();
        Assert.Equal(3, summary.Count);
        Assert.All(summary, s => Assert.Equal(0, s.GetProperty("finalOracle").GetProperty("std").GetDouble()));
        var files = root.GetProperty("files");
        foreach (var plot in files.GetProperty("plots").EnumerateArray().Select(p => p.GetString()!))
        {
            var bytes = await File.ReadAllBytesAsync(plot);
            Assert.True(bytes.Length > 1000, plot);
            Assert.Equal(PngSignature, bytes[..8]);
        }

        Assert.Equal(1 + (3 * 2), (await File.ReadAllLinesAsync(files.GetProperty("trainingCsv").GetString()!)).Length);
        Assert.Equal(1 + (3 * 3), (await File.ReadAllLinesAsync(files.GetProperty("oracleCsv").GetString()!)).Length);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(output, "configs"), "hk-*.json").Length);

        // The rerun reuses the finished runs: same ids and series, no update applied again.
        Assert.True(againCode == 0, $"second run exited {againCode}: {againStderr}");
        using var again = JsonDocument.Parse(againStdout);
        Assert.Equal(
            runs.Select(r => r.GetProperty("runId").GetString() + r.GetProperty("training").GetRawText()),
            again.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString() + r.GetProperty("training").GetRawText()));
        Assert.Equal(3 * 2, metricsAfterFirst);
        Assert.Equal(metricsAfterFirst, await CountMetricsLinesAsync(output));
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds must be at least 1")]
    [InlineData("--steps", "5", "--eval-every must be at least 1 and divide --steps (5)")]
    [InlineData("--arms", "fixed-initial,bogus", "--arms: unknown arm 'bogus'")]
    public async Task Hacking_BadOption_ExitsOneWithMessage(string option, string value, string message)
    {
        using var folder = new TempFolder();

        var (code, _, error) = await Commands.CliRun.RunAsync(
            ["experiment", "hacking", option, value, "--eval-every", "2", "--output", folder.Path, "--storage", azurite.ConnectionString]);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "configs")));
    }

    private async Task<int> CountMetricsLinesAsync(string output)
    {
        var blobs = BlobArtifactStore.Create(StorageConnection.FromConnectionString(azurite.ConnectionString));
        var count = 0;
        foreach (var config in Directory.GetFiles(Path.Combine(output, "configs"), "hk-*.json"))
        {
            await foreach (var _ in blobs.ListAsync(BlobLayout.MetricsPrefix(Path.GetFileNameWithoutExtension(config))))
            {
                count++;
            }
        }

        return count;
    }
}
