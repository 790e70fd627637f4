using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Dtfx = DurableTask.Core;

namespace Mpo.Hosting.Client;

/// <summary>
/// A <see cref="DurableTaskClient"/> that talks to the task hub directly through DTFx's
/// <see cref="IOrchestrationServiceClient"/> over Azure Storage, so the CLI and tests need no gRPC sidecar:
/// schedule, query (with filters), wait, raise events, suspend, resume, terminate and purge.
/// </summary>
/// <remarks>Entities are not supported (MPO uses none). Waits poll the instance table.</remarks>
public sealed partial class MpoDurableTaskClient : DurableTaskClient
{
    /// <summary>How often waits poll the instance table.</summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(500);

    private readonly AzureStorageOrchestrationService _service;
    private readonly DataConverter _converter;

    /// <summary>Created by the SDK's client builder through dependency injection.</summary>
    public MpoDurableTaskClient(
        string name, AzureStorageOrchestrationService service, IOptionsMonitor<DurableTaskClientOptions> options)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _converter = options.Get(name).DataConverter;
    }

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };

        await _service.CreateTaskOrchestrationAsync(
            new TaskMessage { OrchestrationInstance = instance, Event = started }, DedupeStatuses(options)).ConfigureAwait(false);
        return instance.InstanceId;
    }

    /// <inheritdoc />
    public override Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(
        string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _service.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => default;

    /// <summary>
    /// The statuses in which an existing instance blocks a new one with the same id (the backend then throws
    /// <c>OrchestrationAlreadyExistsException</c>). Without explicit ones, an id is reusable only once finished.
    /// </summary>
    private static Dtfx.OrchestrationStatus[] DedupeStatuses(StartOrchestrationOptions? options) =>
        options?.DedupeStatuses is { Count: > 0 } statuses
            ? statuses.Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status)
                    ? status.ToCore()
                    : throw new ArgumentException($"Unknown orchestration status '{s}' in DedupeStatuses", nameof(options)))
                .ToArray()
            : [Dtfx.OrchestrationStatus.Pending, Dtfx.OrchestrationStatus.Running, Dtfx.OrchestrationStatus.Suspended];

    private Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = message,
        });
    }
}
