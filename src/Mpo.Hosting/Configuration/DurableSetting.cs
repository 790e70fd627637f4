namespace Mpo.Hosting.Configuration;

/// <summary>
/// Where one <see cref="DurableHostOptions"/> property can be set: its <c>host.json</c> key (Durable Functions
/// name), its environment variable and its command-line option. Later sources win:
/// host.json, then the environment, then the command line.
/// </summary>
/// <param name="Property">The <see cref="DurableHostOptions"/> property name.</param>
/// <param name="HostJsonKey">The dotted key in host.json, or <c>null</c> when host.json has none.</param>
/// <param name="EnvironmentVariable">The environment variable.</param>
/// <param name="CommandLineOption">The command-line option, or <c>null</c> when there is none.</param>
public sealed record DurableSetting(string Property, string? HostJsonKey, string EnvironmentVariable, string? CommandLineOption)
{
    /// <summary>Every setting, in documentation order.</summary>
    public static IReadOnlyList<DurableSetting> All { get; } =
    [
        new(nameof(DurableHostOptions.HubName), "extensions.durableTask.hubName", "MPO_HUB_NAME", "--hub"),
        new(nameof(DurableHostOptions.PartitionCount), "extensions.durableTask.storageProvider.partitionCount", "MPO_PARTITION_COUNT", null),
        new(nameof(DurableHostOptions.WorkItemQueueVisibilityTimeout), "extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout", "MPO_WORK_ITEM_QUEUE_VISIBILITY_TIMEOUT", null),
        new(nameof(DurableHostOptions.ControlQueueVisibilityTimeout), "extensions.durableTask.storageProvider.controlQueueVisibilityTimeout", "MPO_CONTROL_QUEUE_VISIBILITY_TIMEOUT", null),
        new(nameof(DurableHostOptions.MaxQueuePollingInterval), "extensions.durableTask.storageProvider.maxQueuePollingInterval", "MPO_MAX_QUEUE_POLLING_INTERVAL", null),
        new(nameof(DurableHostOptions.MaxConcurrentActivityFunctions), "extensions.durableTask.maxConcurrentActivityFunctions", "MPO_MAX_CONCURRENT_ACTIVITY_FUNCTIONS", null),
        new(nameof(DurableHostOptions.MaxConcurrentOrchestratorFunctions), "extensions.durableTask.maxConcurrentOrchestratorFunctions", "MPO_MAX_CONCURRENT_ORCHESTRATOR_FUNCTIONS", null),
        new(nameof(DurableHostOptions.WorkerSlot), null, "MPO_WORKER_SLOT", "--slot"),
    ];
}
