using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Hosting.Client;
using Mpo.Hosting.Configuration;
using Mpo.Storage;
using Mpo.Hosting.Worker;

namespace Mpo.Hosting;

/// <summary>
/// Registers MPO's durable engine in a service collection: an in-process worker (a hosted service) that runs the
/// given SDK orchestrators and activities, and a <see cref="DurableTaskClient"/> over the same task hub.
/// </summary>
/// <example>
/// <code>
/// services.AddMpoDurableWorker(options, connection, tasks => tasks.AddOrchestrator&lt;TrainingRunOrchestrator&gt;());
/// services.AddMpoDurableClient(options, connection);
/// </code>
/// </example>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted worker that runs <paramref name="registerTasks"/>' orchestrators and activities on the task hub.
    /// </summary>
    /// <exception cref="Mpo.Core.MpoInputException">The options are invalid.</exception>
    public static IServiceCollection AddMpoDurableWorker(
        this IServiceCollection services,
        DurableHostOptions options,
        StorageConnection connection,
        Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(registerTasks);
        AddBackend(services, options, connection);
        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(registerTasks);
            builder.UseBuildTarget<MpoDurableTaskWorker>();
        });
        return services;
    }

    /// <summary>Adds a <see cref="DurableTaskClient"/> (an <see cref="MpoDurableTaskClient"/>) for the task hub.</summary>
    /// <exception cref="Mpo.Core.MpoInputException">The options are invalid.</exception>
    public static IServiceCollection AddMpoDurableClient(
        this IServiceCollection services, DurableHostOptions options, StorageConnection connection)
    {
        AddBackend(services, options, connection);
        services.AddDurableTaskClient(builder => builder.UseBuildTarget<MpoDurableTaskClient>());
        return services;
    }

    private static void AddBackend(IServiceCollection services, DurableHostOptions options, StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        DurableHostConfiguration.Validate(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(connection);
        services.TryAddSingleton<AzureStorageOrchestrationService>(sp => OrchestrationServiceFactory.Create(
            sp.GetRequiredService<DurableHostOptions>(),
            sp.GetRequiredService<StorageConnection>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
    }
}
