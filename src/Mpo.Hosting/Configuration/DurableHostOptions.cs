using System.ComponentModel.DataAnnotations;

namespace Mpo.Hosting.Configuration;

/// <summary>
/// Settings of the durable worker host and client: the task hub, its partitions, queue timeouts, concurrency and
/// this worker's slot. Read from <c>host.json</c> (Durable Functions key names), then environment variables,
/// then command-line options, by <see cref="DurableHostConfiguration"/>.
/// </summary>
/// <remarks>
/// The storage connection string is deliberately not here: records print all their properties, and the
/// connection string is a secret that must never reach a log. It lives in <see cref="Mpo.Storage.StorageConnection"/>.
/// </remarks>
public sealed record DurableHostOptions
{
    /// <summary>
    /// The task hub name (<c>extensions.durableTask.hubName</c>): 3–45 letters and digits, starting with a letter.
    /// Workers and clients on the same hub share its work. WARNING: changing it on a live deployment orphans the
    /// in-flight orchestrations of the old hub.
    /// </summary>
    /// <value>The default is <c>mpo</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "must be 3-45 letters and digits, starting with a letter")]
    public string HubName { get; init; } = DurableHostDefaults.HubName;

    /// <summary>
    /// Control-queue partitions (<c>extensions.durableTask.storageProvider.partitionCount</c>), 1–16: the most
    /// worker processes that share orchestration episodes (activities are shared by any number). WARNING: fixed
    /// when the hub is first created; a different value later is ignored by the existing hub.
    /// </summary>
    /// <value>The default is 4.</value>
    [Range(1, 16)]
    public int PartitionCount { get; init; } = DurableHostDefaults.PartitionCount;

    /// <summary>
    /// How long a dequeued activity message stays invisible
    /// (<c>extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout</c>): a killed worker's in-flight
    /// activity runs again on another worker after about this long. Live workers renew it.
    /// </summary>
    /// <value>The default is 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = DurableHostDefaults.WorkItemQueueVisibilityTimeout;

    /// <summary>
    /// How long a dequeued orchestration message stays invisible
    /// (<c>extensions.durableTask.storageProvider.controlQueueVisibilityTimeout</c>).
    /// </summary>
    /// <value>The default is 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = DurableHostDefaults.ControlQueueVisibilityTimeout;

    /// <summary>
    /// The longest wait between polls of an idle queue
    /// (<c>extensions.durableTask.storageProvider.maxQueuePollingInterval</c>): the worst-case delay before an
    /// idle hub notices new work.
    /// </summary>
    /// <value>The default is 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxQueuePollingInterval { get; init; } = DurableHostDefaults.MaxQueuePollingInterval;

    /// <summary>Activities this worker runs at once (<c>extensions.durableTask.maxConcurrentActivityFunctions</c>).</summary>
    /// <value>The default is 2.</value>
    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; init; } = DurableHostDefaults.MaxConcurrentActivityFunctions;

    /// <summary>
    /// Orchestration episodes this worker runs at once (<c>extensions.durableTask.maxConcurrentOrchestratorFunctions</c>).
    /// </summary>
    /// <value>The default is 8.</value>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; init; } = DurableHostDefaults.MaxConcurrentOrchestratorFunctions;

    /// <summary>
    /// This worker's slot on its machine (<c>MPO_WORKER_SLOT</c>, <c>--slot</c>), 0–999. Two worker processes on
    /// one machine need different slots; a restarted process with the same slot keeps its <see cref="WorkerId"/>
    /// and so reclaims its partition leases in under a second instead of waiting for them to expire.
    /// </summary>
    /// <value>The default is 0.</value>
    [Range(0, 999)]
    public int WorkerSlot { get; init; } = DurableHostDefaults.WorkerSlot;

    /// <summary>
    /// The machine name used in <see cref="WorkerId"/>. Tests set it to run several "machines" on one host.
    /// </summary>
    /// <value>The default is <see cref="Environment.MachineName"/>.</value>
    public string MachineName { get; init; } = Environment.MachineName;

    /// <summary>The stable identity of this worker, <c>{machine}-{slot}</c>, that owns partition leases.</summary>
    public string WorkerId => $"{MachineName}-{WorkerSlot}";
}
