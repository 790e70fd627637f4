using Microsoft.DurableTask;

namespace Mpo.TestWorker.Orchestrations;

/// <summary>Waits for the <see cref="TestEvents.Approval"/> event and returns <c>approved:{payload}</c>.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string?, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus("waiting");
        var payload = await context.WaitForExternalEvent<string>(TestEvents.Approval);
        return $"approved:{payload}";
    }
}
