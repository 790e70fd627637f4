using System.Text.Json;
using Mpo.Core.Pipeline;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary><c>mpo eval</c> and <c>mpo rubric history|show</c> on a finished run's blobs.</summary>
[Collection(RunsCollection.Name)]
public sealed class RunArtifactCommandTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 120_000)]
    public async Task Eval_CommittedStepWithWait_RunsEvaluationOrchestrationAndPrintsResult()
    {
        // Arrange
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        var runId = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 1, steps: 2, interval: 100));
        await pipeline.WaitForRunAsync(runId, TimeSpan.FromSeconds(60));

        // Act
        var eval = await RunCli.JsonAsync(pipeline, "eval", runId, "--step", "1", "--wait");
        var status = await RunCli.JsonAsync(pipeline, "status", runId);
        var missing = await RunCli.RunAsync(pipeline, "eval", runId, "--step", "7");
        var (latestCode, latestText, latestError) = await RunCli.RunAsync(pipeline, "eval", runId);

        // Assert
        Assert.Equal(TaskNames.EvaluationInstance(runId, 1, "demand"), eval.GetProperty("instanceId").GetString());
        Assert.True(eval.GetProperty("scheduled").GetBoolean());
        Assert.Equal(await pipeline.ManifestSha256Async(runId, 1), eval.GetProperty("checkpoint").GetProperty("sha256").GetString());
        var result = eval.GetProperty("result");
        Assert.Equal(1, result.GetProperty("step").GetInt32());
        Assert.Equal("oracle", result.GetProperty("metric").GetString());
        Assert.Equal(0.51, result.GetProperty("value").GetDouble(), 9);
        Assert.Equal("demand", result.GetProperty("reason").GetString());
        var evaluation = Assert.Single(status.GetProperty("evaluations").EnumerateArray());
        Assert.Equal("demand", evaluation.GetProperty("reason").GetString());
        Assert.Equal(1, evaluation.GetProperty("step").GetInt32());
        Assert.Equal(1, missing.Code);
        Assert.Contains("no committed checkpoint at step 7", missing.Err);
        Assert.Contains("committed steps: 0, 1, 2", missing.Err);
        Assert.True(latestCode == 0, latestError);
        Assert.Contains($"Scheduled evaluation {TaskNames.EvaluationInstance(runId, 2, "demand")}", latestText);
    }

    [Fact(Timeout = 120_000)]
    public async Task RubricHistoryAndShow_EvolvedRun_ListLineageAndPrintVersions()
    {
        // Arrange: 4 steps, revised every 2 -> versions 0 (initial), 1 (step 2), 2 (step 4).
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        var runId = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 1, steps: 4, interval: 2));
        await pipeline.WaitForRunAsync(runId, TimeSpan.FromSeconds(60));

        // Act
        var history = await RunCli.JsonAsync(pipeline, "rubric", "history", runId);
        var (historyCode, historyText, _) = await RunCli.RunAsync(pipeline, "rubric", "history", runId);
        var latest = await RunCli.JsonAsync(pipeline, "rubric", "show", runId);
        var (showCode, showText, _) = await RunCli.RunAsync(pipeline, "rubric", "show", runId, "--version", "1");
        var noVersion = await RunCli.RunAsync(pipeline, "rubric", "show", runId, "--version", "9");
        var noRun = await RunCli.RunAsync(pipeline, "rubric", "history", "no-such-run");

        // Assert
        var versions = history.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("parentVersion").ValueKind);
        Assert.Equal([0, 1], versions.Skip(1).Select(v => v.GetProperty("parentVersion").GetInt32()));
        Assert.Equal([0, 2, 4], versions.Select(v => v.GetProperty("step").GetInt32()));
        Assert.Equal(["initial", "mrm(embedded)", "mrm(embedded)"], versions.Select(v => v.GetProperty("author").GetString()));
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("itemCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("analysis").ValueKind);
        Assert.Equal("Revision 2: responses pad the answer with filler.", versions[2].GetProperty("analysis").GetString());
        Assert.Equal(0, historyCode);
        Assert.Contains("mrm(embedded)", historyText);
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal(3, latest.GetProperty("itemIds").GetArrayLength());
        Assert.Contains("fact 2", latest.GetProperty("text").GetString());
        Assert.Equal("mrm", latest.GetProperty("author").GetProperty("kind").GetString());
        Assert.Equal(0, showCode);
        Assert.Contains("rubric v1 (step 2, mrm(embedded), revises v0)", showText);
        Assert.Contains("fact 1", showText);
        Assert.DoesNotContain("fact 2", showText);
        Assert.Equal(1, noVersion.Code);
        Assert.Contains("no rubric version 9 (versions: 0, 1, 2)", noVersion.Err);
        Assert.Equal(1, noRun.Code);
        Assert.Contains("Run 'no-such-run' has no rubric versions", noRun.Err);
    }
}
