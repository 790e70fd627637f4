using Microsoft.Extensions.DependencyInjection;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Records;
using Mpo.Pipeline.Services;
using Mpo.Pipeline.Tests.Support;

namespace Mpo.Pipeline.Tests.Services;

[Collection(PipelineCollection.Name)]
public sealed class CorruptionTests(PipelineFixture fixture)
{
    [Fact(Timeout = 120_000)]
    public async Task Rollouts_CorruptedCheckpointBlob_ReportedAsCorruptedCheckpoint()
    {
        var config = fixture.Config(epochs: 1, stepsPerEpoch: 2) with { Evaluation = new EvaluationConfig { EveryEpochs = 0 } };
        await using var run = await RunHarness.CreateAsync(fixture, config);
        var state = await run.Loop.RunAsync(run.Plan, run.Initial, untilStep: 1);
        await CorruptAsync(run, 1);
        await using var other = run.OtherWorker();

        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(() => other.GetRequiredService<RolloutService>()
            .GenerateAsync(new RolloutShardInput(run.RunId, 1, 0, 2, state.Checkpoint, state.DataCursor)));

        Assert.Equal(state.Checkpoint, error.Checkpoint);
        Assert.Contains(error.Problems, p => p.Contains("optimizer.bin", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunAsync_LatestCheckpointCorrupted_ResumesFromPreviousCommittedStepAndReproducesIt()
    {
        // Arrange: 2 of 3 steps with keep_last 1 (so only steps 0 and 2 stay committed), then step 2's optimizer state altered.
        var config = fixture.Config(epochs: 1, stepsPerEpoch: 3) with { Evaluation = new EvaluationConfig { EveryEpochs = 0 } };
        await using var run = await RunHarness.CreateAsync(fixture, config);
        var atTwo = await run.Loop.RunAsync(run.Plan, run.Initial, untilStep: 2);
        await CorruptAsync(run, 2);
        await using var worker = run.OtherWorker();
        var loop = worker.GetRequiredService<InProcessTrainingLoop>();

        // Act: the loop meets the corrupted checkpoint at step 2's rollouts, recovers, and finishes.
        var final = await loop.RunAsync(run.Plan, atTwo);

        // Assert: resumed from step 0 (the previous committed one), recomputed step 2 bit-identically, reached step 3.
        Assert.Equal(1, loop.Recoveries);
        var incident = await run.Store.ReadJsonAsync<IncidentRecord>(BlobLayout.Incident(run.RunId, 2), default);
        Assert.Equal((2, atTwo.Checkpoint.ManifestSha256, (int?)0), (incident.Step, incident.ManifestSha256, incident.ResumedFromStep));
        Assert.Contains(incident.Problems, p => p.Contains("optimizer.bin", StringComparison.Ordinal));
        Assert.Equal(3, final.Step);
        var metricsLines = (await run.BlobsAsync()).Count(b => b.Path.StartsWith(BlobLayout.MetricsPrefix(run.RunId), StringComparison.Ordinal));
        Assert.Equal(3, metricsLines);
        Assert.Equal(2, (await worker.GetRequiredService<PipelineStore>().ReadJsonAsync<IncidentRecord>(BlobLayout.Incident(run.RunId, 2), default)).Step);

        await using var clean = await RunHarness.CreateAsync(fixture, config, "clean");
        var cleanTwo = await clean.Loop.RunAsync(clean.Plan, clean.Initial, untilStep: 2);
        var cleanThree = await clean.Loop.RunAsync(clean.Plan, cleanTwo);
        Assert.Equal(atTwo.Checkpoint.ManifestSha256, cleanTwo.Checkpoint.ManifestSha256);
        Assert.Equal(cleanThree.Checkpoint.ManifestSha256, final.Checkpoint.ManifestSha256);
    }

    private static async Task CorruptAsync(RunHarness run, int step)
    {
        var path = BlobLayout.Checkpoint(run.RunId, step) + "optimizer.bin";
        var bytes = (await run.Store.Blobs.GetAsync(path)).ToArray();
        bytes[^1] ^= 0xFF;
        await run.Store.Blobs.PutAsync(path, new BinaryData(bytes));
    }
}
