using Microsoft.DurableTask;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>
/// A long orchestration for suspend, resume and terminate: one durable one-second timer per tick, publishing the
/// tick count as its custom status; returns the number of ticks.
/// </summary>
public sealed class TickerOrchestrator : TaskOrchestrator<int, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var tick = 1; tick <= input; tick++)
        {
            await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
            context.SetCustomStatus(tick);
        }

        return input;
    }
}
