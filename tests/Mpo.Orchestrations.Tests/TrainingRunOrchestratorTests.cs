using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mpo.Core.Pipeline;

namespace Mpo.Orchestrations.Tests;

public class TrainingRunOrchestratorTests
{
    [Fact(Timeout = 60_000)]
    public async Task Run_TwoEpochsOfThreeSteps_RunsEveryStepInOrderAndContinuesAsNewPerEpoch()
    {
        var fake = new FakePipeline();
        await using var host = await fake.StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.TrainingRun, new TrainingRunInput(FakePipeline.Plan(), FakePipeline.Start("r1")));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var final = done.ReadOutputAs<RunState>()!;
        Assert.Equal(6, final.Step);
        Assert.Equal(2, final.Epoch);
        Assert.Equal(6, final.Checkpoint.Step);
        // 2 shards × 2 prompts per step, 6 steps.
        Assert.Equal(24, final.DataCursor);
        Assert.Equal(["1v0@4", "2v1@8", "3v1@12", "4v2@16", "5v2@20", "6v3@24"], fake.CallsOf(TaskNames.CommitCheckpoint));
        Assert.Equal(["0<-0", "1<-1", "2<-2", "3<-3", "4<-4", "5<-5"], fake.CallsOf(TaskNames.UpdatePolicy));
        Assert.Equal(12, fake.CallsOf(TaskNames.GenerateRollouts).Length);
        Assert.Contains("3/1@12", fake.CallsOf(TaskNames.GenerateRollouts));
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_EvolvingRubric_RevisesEveryIntervalFromTheRolloutsSinceTheLastRevision()
    {
        var fake = new FakePipeline();
        await using var host = await fake.StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.TrainingRun, new TrainingRunInput(FakePipeline.Plan(), FakePipeline.Start("r2")));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(["0..2v0", "2..4v1", "4..6v2"], fake.CallsOf(TaskNames.ReviseRubric));
        Assert.Equal(3, done.ReadOutputAs<RunState>()!.RubricVersion);
        // Scores of a step use the rubric in force at that step.
        Assert.Contains("2/0v1", fake.CallsOf(TaskNames.ScoreRollouts));
        Assert.Contains("5/1v2", fake.CallsOf(TaskNames.ScoreRollouts));
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_FixedRubric_NeverRevises()
    {
        var fake = new FakePipeline();
        await using var host = await fake.StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.TrainingRun, new TrainingRunInput(FakePipeline.Plan(evolve: false), FakePipeline.Start("r3")));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Empty(fake.CallsOf(TaskNames.ReviseRubric));
        Assert.Equal(0, done.ReadOutputAs<RunState>()!.RubricVersion);
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_EvaluateEveryEpoch_EvaluatesEachEpochsLastCheckpoint()
    {
        var fake = new FakePipeline();
        await using var host = await fake.StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.TrainingRun, new TrainingRunInput(FakePipeline.Plan(evalEpochs: 1), FakePipeline.Start("r4")));
        await host.Client.WaitForInstanceCompletionAsync(id);

        Assert.Equal(["3:epoch", "6:epoch"], fake.CallsOf(TaskNames.Evaluate));
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_ActivityFailsOnce_IsRetriedByTheDurableRetryPolicyAndCompletes()
    {
        var fake = new FakePipeline();
        fake.FailOnce.Add(TaskNames.UpdatePolicy);
        await using var host = await fake.StartHostAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.TrainingRun, new TrainingRunInput(FakePipeline.Plan(epochs: 1), FakePipeline.Start("r5")));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<RunState>()!.Step);
        Assert.Equal(3, fake.CallsOf(TaskNames.UpdatePolicy).Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task Schedule_OnTheWallClock_EvaluatesNewCheckpointsUntilTheRunFinishes()
    {
        var fake = new FakePipeline { LatestStep = 4 };
        await using var host = await fake.StartHostAsync();
        var id = TaskNames.ScheduleInstance("r6");

        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.EvaluationSchedule, new EvaluationScheduleInput("r6", EveryMinutes: 0.5 / 60, LastEvaluatedStep: -1),
            new StartOrchestrationOptions(id));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (fake.CallsOf(TaskNames.LatestCheckpoint).Length < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await host.Client.RaiseEventAsync(id, TaskNames.RunFinishedEvent, 4);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(fake.CallsOf(TaskNames.LatestCheckpoint).Length >= 3);
        // The same checkpoint is evaluated once, however many periods pass.
        Assert.Equal(["4:schedule"], fake.CallsOf(TaskNames.Evaluate));
        Assert.Equal(4, done.ReadOutputAs<int>());
    }
}
