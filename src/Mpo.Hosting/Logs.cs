using Microsoft.Extensions.Logging;

namespace Mpo.Hosting;

/// <summary>Log messages of the durable host (event ids 2000–2099). Never log a connection string here.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Starting durable worker {WorkerId} on task hub '{HubName}' ({PartitionCount} partitions) at {Storage}")]
    public static partial void WorkerStarting(this ILogger logger, string workerId, string hubName, int partitionCount, string storage);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Durable worker {WorkerId} is running ({ElapsedMs} ms to start)")]
    public static partial void WorkerStarted(this ILogger logger, string workerId, long elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Stopping durable worker {WorkerId}")]
    public static partial void WorkerStopping(this ILogger logger, string workerId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Durable worker {WorkerId} stopped ({ElapsedMs} ms)")]
    public static partial void WorkerStopped(this ILogger logger, string workerId, long elapsedMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Durable worker {WorkerId} did not stop gracefully within {TimeoutSeconds} s; its in-flight work runs again elsewhere")]
    public static partial void WorkerStopTimedOut(this ILogger logger, string workerId, double timeoutSeconds);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error,
        Message = "No orchestrator named '{Name}' is registered in this worker; instance {InstanceId} fails")]
    public static partial void OrchestratorNotFound(this ILogger logger, string name, string instanceId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error,
        Message = "No activity named '{Name}' is registered in this worker")]
    public static partial void ActivityNotFound(this ILogger logger, string name);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error,
        Message = "Orchestrator '{Name}' of instance {InstanceId} failed outside its own code")]
    public static partial void OrchestratorEpisodeFailed(this ILogger logger, Exception exception, string name, string instanceId);
}
