using System.Text.Json;
using Microsoft.DurableTask.Client;
using Mpo.Core.Pipeline;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary><c>mpo status</c> and <c>mpo runs</c> against real orchestrations on Azurite with fake activities.</summary>
[Collection(RunsCollection.Name)]
public sealed class RunStatusCommandTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 120_000)]
    public async Task Status_CompletedRun_ReportsProgressVerifiedCheckpointMetricsAndEvaluations()
    {
        // Arrange: 2 epochs x 2 steps, rubric revised every 2 steps, evaluation after every epoch.
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        var runId = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 2, steps: 2, interval: 2, evaluateEveryEpochs: 1));
        await pipeline.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        // Act
        var status = await RunCli.JsonAsync(pipeline, "status", runId);
        var (textCode, text, _) = await RunCli.RunAsync(pipeline, "status", runId);
        var otherContainer = await RunCli.JsonAsync(pipeline, "status", runId, "--container", "elsewhere");

        // Assert
        Assert.Equal(runId, status.GetProperty("runId").GetString());
        Assert.Equal("Completed", status.GetProperty("state").GetString());
        Assert.Equal(4, status.GetProperty("step").GetInt32());
        Assert.Equal(4, status.GetProperty("totalSteps").GetInt32());
        Assert.Equal(2, status.GetProperty("epoch").GetInt32());
        Assert.Equal(2, status.GetProperty("rubricVersion").GetInt32());
        var checkpoint = status.GetProperty("checkpoint");
        Assert.Equal(4, checkpoint.GetProperty("step").GetInt32());
        Assert.Equal(await pipeline.ManifestSha256Async(runId, 4), checkpoint.GetProperty("sha256").GetString());
        Assert.True(checkpoint.GetProperty("verified").GetBoolean());
        Assert.Equal(4, status.GetProperty("latestCommitted").GetProperty("step").GetInt32());
        var metrics = status.GetProperty("latestMetrics");
        Assert.Equal(4, metrics.GetProperty("step").GetInt32());
        Assert.Equal(0.4, metrics.GetProperty("rewardMean").GetDouble(), 9);
        var evaluations = status.GetProperty("evaluations").EnumerateArray().ToList();
        Assert.Equal([2, 4], evaluations.Select(e => e.GetProperty("step").GetInt32()));
        Assert.All(evaluations, e => Assert.Equal("epoch", e.GetProperty("reason").GetString()));
        Assert.Equal(0.54, evaluations[1].GetProperty("value").GetDouble(), 9);
        Assert.Equal(BlobLayout.Evaluation(runId, 4, "epoch"), evaluations[1].GetProperty("path").GetString());
        Assert.False(evaluations[1].TryGetProperty("rows", out _));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("failure").ValueKind);
        Assert.Empty(status.GetProperty("warnings").EnumerateArray());
        Assert.Equal(0, textCode);
        Assert.Contains("Completed", text);
        Assert.Contains("4 / 4", text);
        Assert.Contains("(verified in storage)", text);
        Assert.False(otherContainer.GetProperty("checkpoint").GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, otherContainer.GetProperty("latestCommitted").ValueKind);
        Assert.Contains("not committed in container 'elsewhere'", otherContainer.GetProperty("warnings")[0].GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Status_SuspendedThenResumed_ShowsSuspendedWithoutProgressThenCompletes()
    {
        // Arrange
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        pipeline.StepDelay = TimeSpan.FromMilliseconds(400);
        var runId = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 1, steps: 6, interval: 100));
        await RunCli.StatusUntilAsync(pipeline, runId, s => s.GetProperty("step").GetInt32() >= 1, TimeSpan.FromSeconds(60));

        // Act
        var suspend = await RunCli.JsonAsync(pipeline, "suspend", runId, "--reason", "maintenance");
        var suspended = await RunCli.StatusUntilAsync(pipeline, runId, s => s.GetProperty("state").GetString() == "Suspended", TimeSpan.FromSeconds(30));
        var epoch = await WaitForEpochAsync(pipeline, runId, "Suspended");
        var stepWhenSuspended = (await RunCli.JsonAsync(pipeline, "status", runId)).GetProperty("step").GetInt32();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stepLater = (await RunCli.JsonAsync(pipeline, "status", runId)).GetProperty("step").GetInt32();
        var resume = await RunCli.JsonAsync(pipeline, "resume", runId);
        var running = await RunCli.JsonAsync(pipeline, "status", runId);
        var done = await RunCli.StatusUntilAsync(pipeline, runId, s => s.GetProperty("state").GetString() == "Completed", TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal(["run", "epoch"], suspend.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal("maintenance", suspend.GetProperty("reason").GetString());
        Assert.Equal("Suspended", suspended.GetProperty("state").GetString());
        Assert.Equal("Suspended", epoch);
        Assert.Equal(stepWhenSuspended, stepLater);
        Assert.True(stepLater < 6, $"the run finished ({stepLater} steps) before it could be suspended");
        Assert.Equal(["epoch", "run"], resume.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.NotEqual("Completed", running.GetProperty("state").GetString());
        Assert.Equal(6, done.GetProperty("step").GetInt32());
        Assert.Equal(6, done.GetProperty("checkpoint").GetProperty("step").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Terminate_RunningRun_TerminatesRunEpochAndEvaluationSchedule()
    {
        // Arrange
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        pipeline.StepDelay = TimeSpan.FromMilliseconds(300);
        var runId = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 1, steps: 50, interval: 100));
        await pipeline.StartScheduleAsync(runId);
        await RunCli.StatusUntilAsync(pipeline, runId, s => s.GetProperty("step").GetInt32() >= 1, TimeSpan.FromSeconds(60));

        // Act
        var (code, text, error) = await RunCli.RunAsync(pipeline, "terminate", runId, "--reason", "wrong learning rate");
        var status = await RunCli.StatusUntilAsync(pipeline, runId, s => s.GetProperty("state").GetString() == "Terminated", TimeSpan.FromSeconds(30));
        var epoch = await WaitForEpochAsync(pipeline, runId, "Terminated");
        var schedule = await pipeline.Client.WaitForInstanceCompletionAsync(TaskNames.ScheduleInstance(runId));
        var again = await RunCli.RunAsync(pipeline, "terminate", runId);

        // Assert
        Assert.True(code == 0, error);
        Assert.Contains($"Terminated run {runId}", text);
        Assert.Contains($"Terminated epoch {TaskNames.EpochInstance(runId, 0)}", text);
        Assert.Contains($"Terminated evaluation-schedule {TaskNames.ScheduleInstance(runId)}", text);
        Assert.Equal("Terminated", epoch);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, schedule.RuntimeStatus);
        Assert.True(status.GetProperty("step").GetInt32() < 50);
        Assert.True(status.GetProperty("checkpoint").GetProperty("verified").GetBoolean());
        Assert.Equal(1, again.Code);
        Assert.Contains("already Terminated", again.Err);
    }

    [Fact(Timeout = 120_000)]
    public async Task Runs_CompletedAndPendingRun_ListsOnlyTrainingRunsWithStateAndProgress()
    {
        // Arrange: one finished run (its epoch and evaluation instances must not be listed), one not yet started.
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        var finished = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 1, steps: 1, evaluateEveryEpochs: 1));
        await pipeline.WaitForRunAsync(finished, TimeSpan.FromSeconds(60));
        var pending = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 3, steps: 5), DateTimeOffset.UtcNow.AddHours(1));

        // Act
        var list = await RunCli.JsonAsync(pipeline, "runs");
        var (code, text, _) = await RunCli.RunAsync(pipeline, "runs");

        // Assert
        var runs = list.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetString()!);
        Assert.Equal([finished, pending], list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal(2, runs.Count);
        Assert.Equal("Completed", runs[finished].GetProperty("state").GetString());
        Assert.Equal(1, runs[finished].GetProperty("step").GetInt32());
        Assert.Equal(1, runs[finished].GetProperty("totalSteps").GetInt32());
        Assert.Equal("Pending", runs[pending].GetProperty("state").GetString());
        Assert.Equal(0, runs[pending].GetProperty("step").GetInt32());
        Assert.Equal(15, runs[pending].GetProperty("totalSteps").GetInt32());
        Assert.True(runs[pending].GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(0, code);
        Assert.Contains(finished, text);
        Assert.Contains("0 / 15", text);
    }

    [Fact(Timeout = 120_000)]
    public async Task Status_FailedRun_ReportsFailedStateAndTheActivityError()
    {
        // Arrange: UpdatePolicy fails on its single attempt; the run retries the epoch (3 attempts), then fails.
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);
        pipeline.UpdatePolicyFailure = "policy weights are NaN";
        var runId = await pipeline.StartRunAsync(FakeRunPipeline.Plan(epochs: 1, steps: 2));
        await pipeline.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        // Act
        var status = await RunCli.JsonAsync(pipeline, "status", runId);
        var (code, text, _) = await RunCli.RunAsync(pipeline, "status", runId);

        // Assert
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.Equal(0, status.GetProperty("step").GetInt32());
        var failure = status.GetProperty("failure");
        Assert.Equal(JsonValueKind.Object, failure.ValueKind);
        Assert.Contains("policy weights are NaN", failure.GetRawText());
        Assert.Equal(0, code);
        Assert.Contains("Failed", text);
        Assert.Contains("policy weights are NaN", text);
    }

    [Fact(Timeout = 60_000)]
    public async Task Status_UnknownRunId_ExitsOneWithClearMessage()
    {
        // Arrange
        await using var pipeline = await FakeRunPipeline.StartAsync(azurite.ConnectionString);

        // Act
        var status = await RunCli.RunAsync(pipeline, "status", "no-such-run");
        var invalid = await RunCli.RunAsync(pipeline, "status", "Bad_Id");
        var suspend = await RunCli.RunAsync(pipeline, "suspend", "no-such-run");

        // Assert
        Assert.Equal(1, status.Code);
        Assert.Contains("No training run 'no-such-run'", status.Err);
        Assert.Contains($"task hub '{pipeline.Hub}'", status.Err);
        Assert.DoesNotContain("   at ", status.Err);
        Assert.Equal("", status.Out);
        Assert.Equal(1, invalid.Code);
        Assert.Contains("is not a run id", invalid.Err);
        Assert.Equal(1, suspend.Code);
        Assert.Contains("No training run 'no-such-run'", suspend.Err);
    }

    private static async Task<string> WaitForEpochAsync(FakeRunPipeline pipeline, string runId, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var epoch = await pipeline.Client.GetInstanceAsync(TaskNames.EpochInstance(runId, 0));
            if (epoch?.RuntimeStatus.ToString() == state || DateTime.UtcNow > deadline)
            {
                return epoch?.RuntimeStatus.ToString() ?? "missing";
            }

            await Task.Delay(200);
        }
    }
}
