using Microsoft.Extensions.DependencyInjection;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Services;
using Mpo.Pipeline.Tests.Support;

namespace Mpo.Pipeline.Tests.Services;

/// <summary>
/// Every activity's service, called a second time with the same input on another worker (fresh caches, empty work
/// folder), returns the same output without recomputing: no blob is written or changed and the worker never
/// downloads a model or checkpoint.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class IdempotencyTests(PipelineFixture fixture)
{
    [Fact(Timeout = 120_000)]
    public async Task EveryService_SecondCallOnOtherWorker_SameOutputNoWritesNoWork()
    {
        // Arrange: one step by hand (with its revision: num_mpo_interval 1), then an evaluation.
        var config = fixture.Config(epochs: 1, stepsPerEpoch: 1) with { NumMpoInterval = 1 };
        await using var run = await RunHarness.CreateAsync(fixture, config);
        var first = await Calls.RunAsync(run.Services, run.Initial);
        var before = await run.BlobsAsync();

        // Act: the same calls on a second worker.
        await using var other = run.OtherWorker();
        var second = await Calls.RunAsync(other, run.Initial);

        // Assert
        Assert.Equal(first, second);
        Assert.Equal(before, await run.BlobsAsync());
        Assert.Equal(0, other.GetRequiredService<PolicyCache>().Loads);
        var otherWork = other.GetRequiredService<PipelineOptions>().WorkDirectory;
        Assert.False(Directory.Exists(Path.Combine(otherWork, "models")) || Directory.Exists(Path.Combine(otherWork, "checkpoints")));
        Assert.Equal(run.Initial, await other.GetRequiredService<RunCreationService>().CreateAsync(run.RunId, config, fixture.Root));
        Assert.Equal(before, await run.BlobsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateAsync_ExistingIdWithOtherConfig_ErrorNamesRun()
    {
        var config = fixture.Config();
        await using var run = await RunHarness.CreateAsync(fixture, config);

        var error = await Assert.ThrowsAsync<MpoInputException>(() =>
            run.Services.GetRequiredService<RunCreationService>().CreateAsync(run.RunId, config with { Seed = 7 }, fixture.Root));

        Assert.Contains("run 'run-1' already exists with a different config", error.Message);
    }

    /// <summary>One step's activity calls in the Epoch orchestrator's order, and their outputs.</summary>
    private static class Calls
    {
        public static async Task<string> RunAsync(IServiceProvider services, RunState state)
        {
            string run = state.RunId;
            var rollouts = await Task.WhenAll(Enumerable.Range(0, 2).Select(shard =>
                services.GetRequiredService<RolloutService>().GenerateAsync(new RolloutShardInput(run, 0, shard, 2, state.Checkpoint, 0))));
            var scores = await Task.WhenAll(rollouts.Select(r =>
                services.GetRequiredService<ScoringService>().ScoreAsync(new ScoreShardInput(run, 0, 0, r))));
            var update = await services.GetRequiredService<PolicyUpdateService>().UpdateAsync(new UpdatePolicyInput(run, 0, state.Checkpoint, rollouts, scores, 0, 4));
            var revision = await services.GetRequiredService<RubricRevisionService>().ReviseAsync(new ReviseRubricInput(run, 1, 0, 0));
            var checkpoint = await services.GetRequiredService<CheckpointCommitService>().CommitAsync(new CommitCheckpointInput(run, update, revision.RubricVersion, 4));
            var evaluation = await services.GetRequiredService<EvaluationService>().EvaluateAsync(new EvaluationRequest(run, checkpoint, "demand"));
            var latest = await services.GetRequiredService<LatestCheckpointService>().LatestAsync(run);
            Assert.Equal(checkpoint, latest);
            return string.Join("\n", [.. rollouts.Select(r => r.ToString()), .. scores.Select(s => s.ToString()), update.ToString(), revision.ToString(), checkpoint.ToString(), evaluation.ToString()]);
        }
    }
}
