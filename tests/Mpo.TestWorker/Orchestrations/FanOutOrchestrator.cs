using Microsoft.DurableTask;
using Mpo.TestWorker.Activities;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Runs <see cref="WhoAmIActivity"/> in parallel and returns the process id each ran in.</summary>
public sealed class FanOutOrchestrator : TaskOrchestrator<FanOutInput, int[]>
{
    /// <inheritdoc />
    public override Task<int[]> RunAsync(TaskOrchestrationContext context, FanOutInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var calls = Enumerable.Range(0, input.Count)
            .Select(_ => context.CallActivityAsync<int>(nameof(WhoAmIActivity), input.DelayMs));
        return Task.WhenAll(calls);
    }
}
