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
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<TrainingRunOrchestrator>();
        registry.AddOrchestrator<EpochOrchestrator>();
        registry.AddOrchestrator<EvaluationOrchestrator>();
        registry.AddOrchestrator<EvaluationScheduleOrchestrator>();
        foreach (var activity in PipelineActivities.All)
        {
            registry.AddActivity(activity);
        }
    }

    /// <summary>
    /// Adds the pipeline services the activities resolve: the artifact store of <paramref name="container"/> (the
    /// run config's <c>storage.container</c>) over <paramref name="connectionString"/>, and the pipeline.
    /// </summary>
    public static IServiceCollection AddPipelineServices(this IServiceCollection services, string connectionString, string container)
    {
        ArgumentNullException.ThrowIfNull(services);
        var blobs = BlobArtifactStore.Create(
            Mpo.Storage.StorageConnection.FromConnectionString(connectionString), new ArtifactStoreOptions { ContainerName = container });
        services.AddSingleton(blobs);
        services.AddMpoPipeline(new PipelineOptions());
        return services;
    }
}
