using Microsoft.DurableTask;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Returns its parent's instance id (<c>context.Parent</c>), or null when started on its own.</summary>
public sealed class ChildOrchestrator : TaskOrchestrator<string?, string?>
{
    /// <inheritdoc />
    public override Task<string?> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(context.Parent?.InstanceId);
    }
}
