using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Activities;
using Mpo.Core.Pipeline;
using Mpo.Orchestrations;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Services;
using Mpo.Pipeline.Tests.Support;

namespace Mpo.Pipeline.Tests.Orchestrated;

/// <summary>
/// The real orchestrators (in-process durable test host) calling the real activity classes over Azurite reach the
/// same training state as the plain in-process loop: the loop is a faithful baseline for the pipeline benchmark.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class OrchestratedRunTests(PipelineFixture fixture)
{
    [Fact(Timeout = 180_000)]
    public async Task TrainingRun_Orchestrated_SameFinalCheckpointRubricAndEvaluationsAsInProcessLoop()
    {
        var config = fixture.Config(epochs: 2, stepsPerEpoch: 2);
        await using var orchestrated = await RunHarness.CreateAsync(fixture, config, "orchestrated");
        await using var looped = await RunHarness.CreateAsync(fixture, config, "looped");
        await using var host = await StartHostAsync(orchestrated.Services);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.TrainingRun, new TrainingRunInput(orchestrated.Plan, orchestrated.Initial));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        var loop = await looped.Loop.RunAsync(looped.Plan, looped.Initial);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var final = done.ReadOutputAs<RunState>()!;
        Assert.Equal((4, 2, 16L), (final.Step, final.Epoch, final.DataCursor));
        Assert.Equal(loop.Checkpoint.ManifestSha256, final.Checkpoint.ManifestSha256);
        Assert.Equal(loop.RubricVersion, final.RubricVersion);
        foreach (var step in new[] { 2, 4 })
        {
            var a = await orchestrated.Store.ReadJsonAsync<Records.EvaluationRecord>(BlobLayout.Evaluation(orchestrated.RunId, step, "epoch"), default);
            var b = await looped.Store.ReadJsonAsync<Records.EvaluationRecord>(BlobLayout.Evaluation(looped.RunId, step, "epoch"), default);
            Assert.Equal((a.Value, a.CheckpointSha256), (b.Value, b.CheckpointSha256));
        }
    }

    private static Task<DurableTaskTestHost> StartHostAsync(IServiceProvider services) => DurableTaskTestHost.StartAsync(registry =>
    {
        registry.AddOrchestrator<TrainingRunOrchestrator>();
        registry.AddOrchestrator<EpochOrchestrator>();
        registry.AddOrchestrator<EvaluationOrchestrator>();
        registry.AddOrchestrator<EvaluationScheduleOrchestrator>();
        T Get<T>() where T : notnull => services.GetRequiredService<T>();
        registry.AddActivityFunc<RolloutShardInput, ShardOutput>(TaskNames.GenerateRollouts, (c, i) => new GenerateRolloutsActivity(Get<RolloutService>()).RunAsync(c, i));
        registry.AddActivityFunc<ScoreShardInput, ShardOutput>(TaskNames.ScoreRollouts, (c, i) => new ScoreRolloutsActivity(Get<ScoringService>()).RunAsync(c, i));
        registry.AddActivityFunc<UpdatePolicyInput, UpdatePolicyOutput>(TaskNames.UpdatePolicy, (c, i) => new UpdatePolicyActivity(Get<PolicyUpdateService>()).RunAsync(c, i));
        registry.AddActivityFunc<ReviseRubricInput, ReviseRubricOutput>(TaskNames.ReviseRubric, (c, i) => new ReviseRubricActivity(Get<RubricRevisionService>()).RunAsync(c, i));
        registry.AddActivityFunc<CommitCheckpointInput, CheckpointRef>(TaskNames.CommitCheckpoint, (c, i) => new CommitCheckpointActivity(Get<CheckpointCommitService>()).RunAsync(c, i));
        registry.AddActivityFunc<EvaluationRequest, EvaluationResult>(TaskNames.Evaluate, (c, i) => new EvaluateActivity(Get<EvaluationService>()).RunAsync(c, i));
        registry.AddActivityFunc<string, CheckpointRef?>(TaskNames.LatestCheckpoint, (c, i) => new LatestCheckpointActivity(Get<LatestCheckpointService>()).RunAsync(c, i));
        registry.AddActivityFunc<RecoverCheckpointInput, RunState?>(TaskNames.RecoverCheckpoint, (c, i) => new RecoverCheckpointActivity(Get<CheckpointRecovery>()).RunAsync(c, i));
    });
}

public sealed class PipelineActivitiesTests
{
    [Fact]
    public void All_OneClassPerActivityName_WithItsDurableTaskName()
    {
        var names = PipelineActivities.All
            .Select(t => ((DurableTaskAttribute)Attribute.GetCustomAttribute(t, typeof(DurableTaskAttribute))!).Name.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(RunConfigValidation.ActivityNames.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void CheckpointCorruptedError_IsTheFullNameOfTheExceptionActivitiesThrow()
    {
        // The TrainingRun orchestration recognises a corrupted checkpoint by this error type (it cannot reference the type).
        Assert.Equal(TaskNames.CheckpointCorruptedError, typeof(Policy.CheckpointCorruptedException).FullName);
    }
}
