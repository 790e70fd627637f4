using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Mpo.Judging.Llm;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Services;
using Mpo.Storage;
using Mpo.Storage.Sets;

namespace Mpo.Pipeline;

/// <summary>Registers the pipeline's services (one per activity, plus the worker's caches) as singletons.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipeline. The host registers the <see cref="BlobArtifactStore"/> of the run's container (or an
    /// <see cref="ArtifactSetStore"/>); everything else a worker needs comes from the activity inputs and the run's
    /// config blob.
    /// </summary>
    public static IServiceCollection AddMpoPipeline(this IServiceCollection services, PipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(options ?? new PipelineOptions());
        services.TryAddSingleton(sp => new ArtifactSetStore(sp.GetRequiredService<BlobArtifactStore>()));
        services.TryAddSingleton<PipelineStore>();
        services.TryAddSingleton<RunContexts>();
        services.TryAddSingleton<LocalArtifacts>();
        services.TryAddSingleton<PolicyCache>();
        services.TryAddSingleton<RubricStore>();
        services.TryAddSingleton<HackingBaselines>();
        services.AddMpoJudges();
        services.TryAddSingleton<Judges>();
        services.TryAddSingleton<RunCreationService>();
        services.TryAddSingleton<RolloutService>();
        services.TryAddSingleton<ScoringService>();
        services.TryAddSingleton<PolicyUpdateService>();
        services.TryAddSingleton<RubricRevisionService>();
        services.TryAddSingleton<CheckpointCommitService>();
        services.TryAddSingleton<EvaluationService>();
        services.TryAddSingleton<LatestCheckpointService>();
        services.TryAddSingleton<CheckpointRecovery>();
        services.TryAddSingleton<InProcessTrainingLoop>();
        services.TryAddSingleton<TrainingRunSetup>();
        return services;
    }
}
