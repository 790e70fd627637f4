using Microsoft.DurableTask;
using Mpo.Core.Pipeline;

namespace Mpo.Orchestrations;

/// <summary>
/// One instance per run id. Runs one epoch per generation and then ContinueAsNew, so the history stays bounded
/// however long the run is; the state it carries is a <see cref="RunState"/> of a few references. When the plan has a
/// wall-clock evaluation period, the starter also starts <see cref="EvaluationScheduleOrchestrator"/> with the id
/// <see cref="TaskNames.ScheduleInstance"/>, and the run tells it when it has finished. An epoch that fails on a
/// corrupted checkpoint is not retried as it is: <c>RecoverCheckpoint</c> sets the corrupted checkpoints aside and the
/// run continues (ContinueAsNew) from the newest one that verifies, at most <see cref="MaxRecoveries"/> times.
/// </summary>
[DurableTask(TaskNames.TrainingRun)]
public sealed class TrainingRunOrchestrator : TaskOrchestrator<TrainingRunInput, RunState>
{
    /// <summary>Corrupted-checkpoint recoveries per run; one more corruption fails the run.</summary>
    public const int MaxRecoveries = 3;

    /// <inheritdoc />
    public override async Task<RunState> RunAsync(TaskOrchestrationContext context, TrainingRunInput input)
    {
        var (plan, state) = (input.Plan, input.State);
        if (state.Epoch >= plan.Epochs)
        {
            context.SetCustomStatus(Progress(plan, state));
            if (plan.EvaluateEveryMinutes is not null)
            {
                context.SendEvent(TaskNames.ScheduleInstance(state.RunId), TaskNames.RunFinishedEvent, state.Step);
            }

            return state;
        }

        context.SetCustomStatus(Progress(plan, state));
        RunState after;
        try
        {
            var retry = new RetryPolicy(3, TimeSpan.FromSeconds(5)) { HandleFailure = f => !PipelineCalls.IsCheckpointCorruption(f) };
            after = await context.CallSubOrchestratorAsync<RunState>(
                TaskNames.Epoch,
                new EpochInput(plan, state),
                new SubOrchestrationOptions(TaskOptions.FromRetryPolicy(retry), TaskNames.EpochInstance(state.RunId, state.Epoch)));
        }
        catch (TaskFailedException e) when (PipelineCalls.IsCheckpointCorruption(e.FailureDetails) && input.Recoveries < MaxRecoveries)
        {
            var recovered = await context.RecoverCheckpointAsync(plan, state.RunId)
                ?? throw new InvalidOperationException($"Run '{state.RunId}' has no committed checkpoint that verifies; it cannot resume.", e);
            context.SetCustomStatus(Progress(plan, recovered));
            context.ContinueAsNew(new TrainingRunInput(plan, recovered, input.Recoveries + 1), preserveUnprocessedEvents: true);
            return recovered;
        }

        if (plan.EvaluateEveryEpochs > 0 && (after.Epoch + 1) % plan.EvaluateEveryEpochs == 0)
        {
            await context.CallSubOrchestratorAsync<EvaluationResult>(
                TaskNames.Evaluation,
                new EvaluationRequest(after.RunId, after.Checkpoint, "epoch"),
                new SubOrchestrationOptions(new TaskOptions(), TaskNames.EvaluationInstance(after.RunId, after.Step, "epoch")));
        }

        var next = after with { Epoch = after.Epoch + 1 };
        context.SetCustomStatus(Progress(plan, next));
        context.ContinueAsNew(input with { State = next }, preserveUnprocessedEvents: true);
        return next;
    }

    private static TrainingProgress Progress(RunPlan plan, RunState s) =>
        new(s.Epoch, s.Step, plan.TotalSteps, s.RubricVersion, s.Checkpoint);
}
