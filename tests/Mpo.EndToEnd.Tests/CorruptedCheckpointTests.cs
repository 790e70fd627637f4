using Mpo.Core.Pipeline;
using Mpo.EndToEnd.Tests.Support;
using Mpo.TestSupport;
using Xunit.Abstractions;

namespace Mpo.EndToEnd.Tests;

/// <summary>
/// A checkpoint blob altered in storage after a crash is detected by the restarted worker, set aside (an incident
/// record), and the live run redoes the steps from the committed step before it, with no user action.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CorruptedCheckpointTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task Train_CheckpointBlobCorruptedAfterCrash_RunRecoversFromPreviousStepByItself()
    {
        // Arrange: a run that committed a step, its worker killed, then one weight file of its newest checkpoint
        // (committed, or staged and about to be committed) overwritten with different bytes of the same size.
        await using var hub = fixture.NewHub(output);
        var runId = TestNames.Unique("corrupted");
        await hub.StartRunAsync(runId, EndToEndConfigs.Json(EndToEndConfigs.Standard()));
        var worker = hub.StartWorker();
        await hub.StatusUntilAsync(runId, s => s.GetProperty("step").GetInt32() >= 1, TimeSpan.FromSeconds(120), worker);
        await worker.KillAsync();
        var (step, committed) = await fixture.Artifacts.NewestCheckpointAsync(runId);
        var blob = BlobLayout.Checkpoint(runId, step) + "policy/model.safetensors";
        await fixture.Artifacts.CorruptAsync(blob);
        EndToEndFixture.Log(output, $"corrupted {blob} (checkpoint {step}, {(committed ? "committed" : "staged")})");

        // Act: a new worker meets the corrupted checkpoint; the run sets it aside by itself and goes on.
        worker = hub.StartWorker();
        var status = await hub.CompletedAsync(runId, worker, TimeSpan.FromSeconds(180));
        var run = await fixture.Artifacts.OutcomeAsync(runId, status);
        var incident = Assert.Single(status.GetProperty("incidents").EnumerateArray());

        // Assert: detected (mpo status lists the incident record, naming the file), resumed from the step before, and
        // ended as the uninterrupted run.
        Assert.True(step is > 0 and < EndToEndConfigs.TotalSteps, $"checkpoint {step} is inside the run");
        Assert.Equal(BlobLayout.Incident(runId, step), incident.GetProperty("path").GetString());
        Assert.Equal(step, incident.GetProperty("step").GetInt32());
        Assert.Equal(step - 1, incident.GetProperty("resumed_from_step").GetInt32());
        Assert.Contains("policy/model.safetensors", incident.GetProperty("problems").ToString(), StringComparison.Ordinal);
        SameTraining.AssertEqual(fixture.Baseline, run);
    }
}
