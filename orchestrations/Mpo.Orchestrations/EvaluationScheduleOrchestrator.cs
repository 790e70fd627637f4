using Microsoft.DurableTask;
using Mpo.Core.Pipeline;

namespace Mpo.Orchestrations;

/// <summary>
/// Evaluates a run's latest checkpoint every <c>EveryMinutes</c> of wall-clock time with durable timers, until the
/// run sends <see cref="TaskNames.RunFinishedEvent"/>. One timer per generation, then ContinueAsNew.
/// </summary>
[DurableTask(TaskNames.EvaluationSchedule)]
public sealed class EvaluationScheduleOrchestrator : TaskOrchestrator<EvaluationScheduleInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, EvaluationScheduleInput input)
    {
        using var cancelTimer = new CancellationTokenSource();
        var finished = context.WaitForExternalEvent<int>(TaskNames.RunFinishedEvent);
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(input.EveryMinutes), cancelTimer.Token);
        if (await Task.WhenAny(finished, timer) == finished)
        {
            cancelTimer.Cancel();
            return input.LastEvaluatedStep;
        }

        int last = input.LastEvaluatedStep;
        var latest = await context.LatestCheckpointAsync(input.RunId);
        if (latest is not null && latest.Step > last)
        {
            await context.CallSubOrchestratorAsync<EvaluationResult>(
                TaskNames.Evaluation,
                new EvaluationRequest(input.RunId, latest, "schedule"),
                new SubOrchestrationOptions(new TaskOptions(), TaskNames.EvaluationInstance(input.RunId, latest.Step, "schedule")));
            last = latest.Step;
        }

        // The run may have finished while this generation was evaluating: its event then completed `finished` here and
        // is not an unprocessed event that ContinueAsNew would carry over, so without this check it would be lost and
        // the scheduler would wake up forever.
        if (finished.IsCompleted)
        {
            return last;
        }

        context.ContinueAsNew(input with { LastEvaluatedStep = last }, preserveUnprocessedEvents: true);
        return last;
    }
}
