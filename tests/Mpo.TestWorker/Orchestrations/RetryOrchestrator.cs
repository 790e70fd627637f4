using Microsoft.DurableTask;
using Mpo.TestWorker.Activities;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Calls a failing activity under a durable retry policy; returns the attempt that succeeded.</summary>
public sealed class RetryOrchestrator : TaskOrchestrator<FlakyInput, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskOrchestrationContext context, FlakyInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // Short, fixed intervals keep the test fast; the retries are durable timers, so they survive restarts.
        var policy = new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(500), backoffCoefficient: 1.0);
        return context.CallActivityAsync<int>(nameof(FlakyActivity), input, TaskOptions.FromRetryPolicy(policy));
    }
}
