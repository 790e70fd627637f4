using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Activities;
using Mpo.Orchestrations;
using Mpo.Pipeline;
using Mpo.Storage;

namespace Mpo.Cli.Hosting;

/// <summary>
/// The orchestrators and activities of MPO that every worker process runs (<c>mpo worker</c>, and the worker that
/// <c>mpo train</c> hosts in-process), and the pipeline services those activities need. One list keeps both kinds
/// of worker able to run any run's work.
/// </summary>
internal static class ProductTasks
{
    /// <summary>Adds MPO's orchestrators and activities to <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry) => Register(registry, wrapActivity: null);

    /// <summary>
    /// Adds MPO's orchestrators and activities to <paramref name="registry"/>, each activity created by
    /// <paramref name="wrapActivity"/> (given its name and a factory of the real activity) when one is given:
    /// <c>mpo bench pipeline</c> times the activity code this way without changing it.
    /// </summary>
    public static void Register(DurableTaskRegistry registry, Func<string, Func<IServiceProvider, ITaskActivity>, Func<IServiceProvider, ITaskActivity>>? wrapActivity)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<TrainingRunOrchestrator>();
        registry.AddOrchestrator<EpochOrchestrator>();
        registry.AddOrchestrator<EvaluationOrchestrator>();
        registry.AddOrchestrator<EvaluationScheduleOrchestrator>();
        foreach (var activity in PipelineActivities.All)
        {
            if (wrapActivity is null)
            {
                registry.AddActivity(activity);
                continue;
            }

            var name = activity.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name
                ?? throw new InvalidOperationException($"{activity.Name} has no [DurableTask] name.");
            registry.AddActivity(new TaskName(name), wrapActivity(name, services => (ITaskActivity)ActivatorUtilities.CreateInstance(services, activity)));
        }
    }

    /// <summary>
    /// Adds the pipeline services the activities resolve: the artifact store of <paramref name="container"/> (the
    /// run config's <c>storage.container</c>) over <paramref name="connectionString"/>, and the pipeline.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The storage connection string.</param>
    /// <param name="container">The artifact container.</param>
    /// <param name="options">Where the worker keeps local copies (default: <see cref="PipelineOptions"/>'s defaults).</param>
    public static IServiceCollection AddPipelineServices(this IServiceCollection services, string connectionString, string container, PipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var blobs = BlobArtifactStore.Create(
            Mpo.Storage.StorageConnection.FromConnectionString(connectionString), new ArtifactStoreOptions { ContainerName = container });
        services.AddSingleton(blobs);
        services.AddMpoPipeline(options ?? new PipelineOptions());
        return services;
    }
}
