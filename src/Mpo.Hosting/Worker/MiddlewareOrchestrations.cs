using DurableTask.Core;

namespace Mpo.Hosting.Worker;

/// <summary>
/// The TaskHubWorker's orchestration registry, deliberately empty: every episode is run by
/// <see cref="SdkOrchestrationMiddleware"/>, which needs the runtime state that a registry lookup does not get.
/// </summary>
internal sealed class MiddlewareOrchestrations : INameVersionObjectManager<TaskOrchestration>
{
    /// <inheritdoc />
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Register orchestrators with the DurableTaskRegistry (AddMpoDurableWorker).");

    /// <inheritdoc />
    public TaskOrchestration? GetObject(string name, string? version) => null;
}
