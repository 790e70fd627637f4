namespace Mpo.Hosting.Configuration;

/// <summary>
/// Defaults of <see cref="DurableHostOptions"/>, chosen from measurements on small machines
/// (see <c>docs/durable-host.md</c>), not the Durable Functions defaults, which suit cloud scale.
/// </summary>
public static class DurableHostDefaults
{
    /// <summary>Task hub name: prefixes the hub's queues, tables and containers.</summary>
    public const string HubName = "mpo";

    /// <summary>Control-queue partitions: the most worker processes that can share orchestration work.</summary>
    public const int PartitionCount = 4;

    /// <summary>
    /// How long a dequeued activity message stays invisible. A killed worker's in-flight activity runs again
    /// after about this long; live workers renew the lock, so long activities are safe.
    /// </summary>
    public static readonly TimeSpan WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a dequeued orchestration message stays invisible (renewed while it runs).</summary>
    public static readonly TimeSpan ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait between queue polls when the hub is idle. DTFx defaults to 30 s, which makes an idle hub
    /// react slowly; 1 s costs a few cheap storage calls per second.
    /// </summary>
    public static readonly TimeSpan MaxQueuePollingInterval = TimeSpan.FromSeconds(1);

    /// <summary>Activities one worker runs at once: MPO activities are CPU/GPU heavy, so few.</summary>
    public const int MaxConcurrentActivityFunctions = 2;

    /// <summary>Orchestration episodes one worker runs at once: cheap replays, so more.</summary>
    public const int MaxConcurrentOrchestratorFunctions = 8;

    /// <summary>Worker slot: slot 0 is the first worker process on a machine.</summary>
    public const int WorkerSlot = 0;
}
