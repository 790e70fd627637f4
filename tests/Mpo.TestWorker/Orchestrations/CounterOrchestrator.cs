using Microsoft.DurableTask;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Counts up by one generation per ContinueAsNew until the target, then returns the count.</summary>
public sealed class CounterOrchestrator : TaskOrchestrator<CounterState, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskOrchestrationContext context, CounterState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Current < input.Target)
        {
            context.ContinueAsNew(input with { Current = input.Current + 1 });
        }

        return Task.FromResult(input.Current);
    }
}
