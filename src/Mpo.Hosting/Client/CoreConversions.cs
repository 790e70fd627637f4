using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Dtfx = DurableTask.Core;

namespace Mpo.Hosting.Client;

/// <summary>Maps DTFx (<c>DurableTask.Core</c>) states to the SDK client's types and back.</summary>
internal static class CoreConversions
{
    public static OrchestrationRuntimeStatus ToSdk(this Dtfx.OrchestrationStatus status) => status switch
    {
        Dtfx.OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        Dtfx.OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK but DTFx still reports it between generations.
        Dtfx.OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
#pragma warning restore CS0618
        Dtfx.OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        Dtfx.OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Terminated,
        Dtfx.OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        Dtfx.OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        Dtfx.OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status"),
    };

    public static Dtfx.OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => Dtfx.OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => Dtfx.OrchestrationStatus.Completed,
#pragma warning disable CS0618
        OrchestrationRuntimeStatus.ContinuedAsNew => Dtfx.OrchestrationStatus.ContinuedAsNew,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => Dtfx.OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => Dtfx.OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => Dtfx.OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => Dtfx.OrchestrationStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status"),
    };

    public static TaskFailureDetails? ToSdk(this Dtfx.FailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToSdk(), details.Properties);
}
