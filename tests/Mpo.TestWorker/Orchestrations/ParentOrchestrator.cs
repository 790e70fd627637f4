using Microsoft.DurableTask;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Starts <see cref="ChildOrchestrator"/> with an explicit id and returns what the child saw as its parent.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<string?, string?>
{
    /// <inheritdoc />
    public override Task<string?> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallSubOrchestratorAsync<string?>(
            nameof(ChildOrchestrator), input: null, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}-child" });
    }
}
