using System.Text.Json;
using Mpo.Cli.Tests.Commands;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary>
/// <c>mpo bench pipeline</c> on Azurite with the tiny config: both sides really run (real model, real activities, a
/// real worker on its own task hub), end in the same checkpoint, and the report's figures are in range.
/// </summary>
[Collection(RunsCollection.Name)]
public sealed class BenchPipelineCommandTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 300_000)]
    public async Task Pipeline_TinyTwoStepsJson_ReportsOverheadHopsAndSameCheckpoint()
    {
        // Act
        var (code, output, error) = await CliRun.RunAsync(["bench", "pipeline", "--steps", "2", "--tiny", "--json", "--storage", azurite.ConnectionString]);

        // Assert
        Assert.True(code == 0, $"exit {code}: {error}");
        using var report = JsonDocument.Parse(output);
        var r = report.RootElement;
        Assert.Equal(2, r.GetProperty("steps").GetInt32());
        Assert.Equal(2, r.GetProperty("finalStep").GetInt32());
        var share = r.GetProperty("overheadShare").GetDouble();
        Assert.InRange(share, 0, 1);
        Assert.InRange(r.GetProperty("runOverheadShare").GetDouble(), share, 1);
        Assert.True(r.GetProperty("hopLatencyMedianMs").GetDouble() > 0);
        Assert.True(r.GetProperty("hopLatencyP90Ms").GetDouble() >= r.GetProperty("hopLatencyMedianMs").GetDouble());
        Assert.True(r.GetProperty("sameFinalCheckpoint").GetBoolean(), output);
        Assert.Equal(r.GetProperty("plainCheckpointSha256").GetString(), r.GetProperty("orchestratedCheckpointSha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("orchestratedCheckpointSha256").GetString());

        // Every step stage is timed on both sides, and each hop kind was seen at least once per step after the first.
        var activities = r.GetProperty("activities").EnumerateArray().ToDictionary(a => a.GetProperty("activity").GetString()!);
        foreach (var kind in new[] { "GenerateRollouts", "ScoreRollouts", "UpdatePolicy", "ReviseRubric", "CommitCheckpoint" })
        {
            Assert.True(activities[kind].GetProperty("orchestratedMs").GetDouble() > 0, kind);
            Assert.True(activities[kind].GetProperty("plainMs").GetDouble() > 0, kind);
        }

        var hops = r.GetProperty("hops").EnumerateArray().ToDictionary(h => h.GetProperty("activity").GetString()!, h => h.GetProperty("count").GetInt32());
        Assert.Equal(2, hops["ScoreRollouts"]);
        Assert.Equal(1, hops["GenerateRollouts"]);
        var orchestrated = r.GetProperty("orchestratedStepsMs").GetDouble();
        Assert.True(r.GetProperty("orchestratedActivityMs").GetDouble() <= orchestrated);
        Assert.True(r.GetProperty("orchestratedWallMs").GetDouble() >= orchestrated);
        Assert.True(r.GetProperty("plainWallMs").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps")]
    [InlineData("--tiny", "--config", "--tiny")]
    public async Task Pipeline_BadOptions_ExitsOneNamingTheOption(string first, string second, string named)
    {
        var args = second == "--config" ? new[] { "bench", "pipeline", first, second, "x.json" } : ["bench", "pipeline", first, second];

        var (code, _, error) = await CliRun.RunAsync([.. args, "--storage", azurite.ConnectionString]);

        Assert.Equal(1, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }
}
