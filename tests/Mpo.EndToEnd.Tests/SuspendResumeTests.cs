using Microsoft.DurableTask.Client;
using Mpo.Core.Pipeline;
using Mpo.EndToEnd.Tests.Support;
using Mpo.TestSupport;
using Xunit.Abstractions;

namespace Mpo.EndToEnd.Tests;

/// <summary><c>mpo suspend</c> holds a live run still while its worker keeps running; <c>mpo resume</c> finishes it unchanged.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SuspendResumeTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task SuspendResume_MidRun_HoldsTheStepThenCompletesWithTheUninterruptedCheckpoint()
    {
        // Arrange: a run with a worker, past its first updates.
        await using var hub = fixture.NewHub(output);
        var runId = TestNames.Unique("suspended");
        await hub.StartRunAsync(runId, EndToEndConfigs.Json(EndToEndConfigs.Standard()));
        var worker = hub.StartWorker();
        await hub.StatusUntilAsync(runId, s => s.GetProperty("step").GetInt32() >= 2, TimeSpan.FromSeconds(120), worker);

        // Act: suspend; once the run is Suspended and its epoch is no longer running (Suspended, so an activity that
        // finishes now is only buffered, or Completed or not yet started at an epoch boundary), watch the step for 5 s.
        var suspend = await hub.JsonAsync("suspend", runId, "--reason", "e2e");
        var suspended = await hub.StatusUntilAsync(runId, s => s.GetProperty("state").GetString() == "Suspended", TimeSpan.FromSeconds(60), worker);
        var epoch = TaskNames.EpochInstance(runId, suspended.GetProperty("epoch").GetInt32());
        await hub.InstanceUntilAsync(epoch, s => s is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending), TimeSpan.FromSeconds(60));
        var held = await hub.StatusAsync(runId);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var later = await hub.StatusAsync(runId);
        EndToEndFixture.Log(output, $"suspended at step {held.GetProperty("step")}, 5 s later step {later.GetProperty("step")}");
        var resume = await hub.JsonAsync("resume", runId);
        var status = await hub.CompletedAsync(runId, worker, TimeSpan.FromSeconds(180));
        var run = await fixture.Artifacts.OutcomeAsync(runId, status);

        // Assert: nothing advanced while suspended (with a live worker), and the resumed run ends as the uninterrupted one.
        Assert.Equal("suspend", suspend.GetProperty("action").GetString());
        Assert.Equal("resume", resume.GetProperty("action").GetString());
        Assert.False(worker.HasExited);
        Assert.Equal("Suspended", later.GetProperty("state").GetString());
        Assert.Equal(held.GetProperty("step").GetInt32(), later.GetProperty("step").GetInt32());
        Assert.Equal(held.GetProperty("checkpoint").GetProperty("sha256").GetString(), later.GetProperty("checkpoint").GetProperty("sha256").GetString());
        Assert.True(held.GetProperty("step").GetInt32() < EndToEndConfigs.TotalSteps, "the run was suspended before its end");
        SameTraining.AssertEqual(fixture.Baseline, run);
    }
}
