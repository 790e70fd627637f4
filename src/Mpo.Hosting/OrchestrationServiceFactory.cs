using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Mpo.Core;
using Mpo.Hosting.Configuration;
using Mpo.Storage;

namespace Mpo.Hosting;

/// <summary>Builds the Azure Storage backend (queues, tables, blobs of one task hub) from MPO's settings.</summary>
public static class OrchestrationServiceFactory
{
    /// <summary>The DTFx app name: one constant, so every MPO worker on every machine belongs to the same app.</summary>
    public const string AppName = "mpo";

    /// <summary>Creates the orchestration service; it is both the worker's backend and the client's.</summary>
    /// <exception cref="MpoInputException">The connection is an account URL, or its string is rejected by the storage SDK (the value is not echoed).</exception>
    public static AzureStorageOrchestrationService Create(
        DurableHostOptions options, StorageConnection connection, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (connection.AccountUrl is not null)
        {
            throw new MpoInputException(
                $"{connection.Source}: the durable engine needs a storage connection string; an account URL with a token credential serves blobs only.");
        }

        StorageAccountClientProvider provider;
        try
        {
            provider = new StorageAccountClientProvider(connection.ConnectionString);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new MpoInputException($"{connection.Source}: the storage connection string is not valid ({e.GetType().Name})");
        }

        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = provider,
            TaskHubName = options.HubName,
            PartitionCount = options.PartitionCount,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            WorkerId = options.WorkerId,
            AppName = AppName,

            // The app lease arbitrates between *different* apps on one hub (blue/green deployments); MPO runs one.
            UseAppLease = false,

            // Starting an instance id that is still running must fail loudly, not be silently dropped.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        return new AzureStorageOrchestrationService(settings);
    }
}
