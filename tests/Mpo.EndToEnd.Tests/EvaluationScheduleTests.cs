using Microsoft.DurableTask.Client;
using Mpo.Core.Pipeline;
using Mpo.EndToEnd.Tests.Support;
using Mpo.TestSupport;
using Xunit.Abstractions;

namespace Mpo.EndToEnd.Tests;

/// <summary>Evaluations fire on schedule: after each epoch (the baseline run), and on a wall-clock period with durable timers.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EvaluationScheduleTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task Status_EvaluationEveryEpoch_ListsOneEvaluationPerEpochOfItsCheckpoint()
    {
        // Arrange: mpo status of the finished baseline run.
        var status = fixture.Baseline.Status;
        var evaluations = status.GetProperty("evaluations").EnumerateArray().ToList();
        var epochEnds = Enumerable.Range(1, EndToEndConfigs.Epochs).Select(e => e * EndToEndConfigs.StepsPerEpoch).ToList();

        // Act: read each evaluation's blob.
        var blobs = new List<System.Text.Json.JsonElement>();
        foreach (var e in evaluations)
        {
            blobs.Add(await fixture.Artifacts.JsonAsync(e.GetProperty("path").GetString()!));
        }

        // Assert: one epoch evaluation at the end of each epoch, on the 16 test prompts, of the checkpoint of that step.
        Assert.Equal("Completed", status.GetProperty("state").GetString());
        Assert.Equal(epochEnds, evaluations.Select(e => e.GetProperty("step").GetInt32()));
        Assert.All(evaluations, e => Assert.Equal("epoch", e.GetProperty("reason").GetString()));
        Assert.All(evaluations, e => Assert.Equal("mini_qa_oracle", e.GetProperty("metric").GetString()));
        Assert.All(evaluations, e => Assert.Equal(16, e.GetProperty("count").GetInt32()));
        Assert.All(blobs, b => Assert.Equal(16, b.GetProperty("responses").GetArrayLength()));
        Assert.Equal(fixture.Baseline.Sha256, evaluations[^1].GetProperty("checkpoint_sha256").GetString());
        Assert.NotEqual(evaluations[0].GetProperty("checkpoint_sha256").GetString(), evaluations[^1].GetProperty("checkpoint_sha256").GetString());
    }

    [Fact(Timeout = 240_000)]
    public async Task Train_EvaluationEveryFewSeconds_EvaluatesNewCheckpointsOnTheTimerAndStopsWithTheRun()
    {
        // Arrange: the same training evaluated every 0.6 s of wall-clock time only.
        await using var hub = fixture.NewHub(output);
        var runId = TestNames.Unique("timed");
        await hub.StartRunAsync(runId, EndToEndConfigs.Json(EndToEndConfigs.EvaluatedEvery(0.01)));
        var worker = hub.StartWorker();

        // Act: run to the end; the run then tells its scheduler to stop.
        var status = await hub.CompletedAsync(runId, worker, TimeSpan.FromSeconds(180));
        var scheduler = await hub.InstanceFinishedAsync(TaskNames.ScheduleInstance(runId), TimeSpan.FromSeconds(60));
        status = await hub.StatusAsync(runId);
        var run = await fixture.Artifacts.OutcomeAsync(runId, status);
        var evaluations = status.GetProperty("evaluations").EnumerateArray().ToList();
        var steps = evaluations.Select(e => e.GetProperty("step").GetInt32()).ToList();
        EndToEndFixture.Log(output, $"scheduled evaluations at steps {string.Join(", ", steps)}");

        // Assert: several timer-driven evaluations, each of a newer checkpoint; the scheduler ended; training unchanged.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, scheduler);
        Assert.True(steps.Count >= 2, $"expected evaluations on at least two timer ticks, got steps [{string.Join(", ", steps)}]");
        Assert.All(evaluations, e => Assert.Equal("schedule", e.GetProperty("reason").GetString()));
        Assert.Equal(steps.Order().Distinct(), steps);
        Assert.All(steps, s => Assert.InRange(s, 0, EndToEndConfigs.TotalSteps)); // the first tick may find only checkpoint 0
        Assert.Equal(steps.Count, evaluations.Select(e => e.GetProperty("checkpoint_sha256").GetString()).Distinct().Count());
        SameTraining.AssertEqual(fixture.Baseline, run);
    }
}
