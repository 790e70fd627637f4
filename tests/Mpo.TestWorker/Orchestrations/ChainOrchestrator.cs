using Microsoft.DurableTask;
using Mpo.TestWorker.Activities;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Three recorded activities in sequence; the crash test kills the worker during one of them.</summary>
public sealed class ChainOrchestrator : TaskOrchestrator<ChainInput, int[]>
{
    /// <inheritdoc />
    public override async Task<int[]> RunAsync(TaskOrchestrationContext context, ChainInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var results = new int[3];
        for (var step = 1; step <= 3; step++)
        {
            var delay = step == input.SlowStep ? input.SlowDelayMs : 0;
            results[step - 1] = await context.CallActivityAsync<int>(
                nameof(RecordStepActivity), new StepInput(input.Folder, step, delay));
        }

        return results;
    }
}
