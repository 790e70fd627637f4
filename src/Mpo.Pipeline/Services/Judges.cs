using System.Collections.Concurrent;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded;
using Mpo.Judging.Llm;
using Mpo.Judging.Resilience;
using Mpo.Pipeline.Config;
using JudgeConfig = Mpo.Pipeline.Config.JudgeConfig;

namespace Mpo.Pipeline.Services;

/// <summary>
/// The reward and meta-reward models of a run, built from its config and kept per run: the embedded judge, or an
/// OpenAI-compatible endpoint with its resilience pipeline (retries, circuit breaker, concurrency limit).
/// </summary>
public sealed class Judges(HackingBaselines baselines) : IDisposable
{
    private readonly JudgePipelines _pipelines = new();
    private readonly ConcurrentDictionary<string, Task<IRewardModel>> _rewardModels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<IMetaRewardModel>> _metaModels = new(StringComparer.Ordinal);

    /// <summary>The stage name recorded as the author of MRM-written rubric versions.</summary>
    public static string StageOf(JudgeConfig mrm) => mrm.Kind == JudgeKinds.Embedded ? "embedded" : "llm";

    /// <summary>The run's reward model.</summary>
    public Task<IRewardModel> RewardModelAsync(RunContext run, CancellationToken ct) =>
        Cached(_rewardModels, run.RunId, () => CreateRewardModelAsync(run, ct));

    /// <summary>The run's meta-reward model.</summary>
    public Task<IMetaRewardModel> MetaRewardModelAsync(RunContext run, CancellationToken ct) =>
        Cached(_metaModels, run.RunId, () => CreateMetaRewardModelAsync(run, ct));

    private static async Task<T> Cached<T>(ConcurrentDictionary<string, Task<T>> cache, string key, Func<Task<T>> create)
    {
        var task = cache.GetOrAdd(key, _ => create());
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<IRewardModel> CreateRewardModelAsync(RunContext run, CancellationToken ct)
    {
        var rm = run.Config.Rm;
        if (rm.Kind == JudgeKinds.Embedded)
        {
            return new EmbeddedRewardModel(new EmbeddedRewardModelOptions
            {
                NormalizeByMaximum = rm.NormalizeByMaximum,
                UncheckedItems = rm.UncheckedItems == "skip" ? UncheckedItemPolicy.Skip : UncheckedItemPolicy.Fail,
            });
        }

        var endpoint = await JudgeEndpoint.CreateAsync(EndpointOptions(rm.Endpoint!, $"{run.RunId}-rm"), _pipelines, cancellationToken: ct).ConfigureAwait(false);
        return new LlmRewardModel(endpoint, new RewardModelOptions
        {
            Normalization = rm.NormalizeByMaximum ? RewardNormalization.RubricMaximum : RewardNormalization.None,
            RunSeed = run.Config.Seed,
        });
    }

    private async Task<IMetaRewardModel> CreateMetaRewardModelAsync(RunContext run, CancellationToken ct)
    {
        var mrm = run.Config.Mrm;
        if (mrm.Kind == JudgeKinds.Embedded)
        {
            var baseline = await baselines.GetAsync(run, ct).ConfigureAwait(false);
            return new EmbeddedMetaRewardModel(baseline, new EmbeddedMetaRewardModelOptions { NumMpoSamples = run.Config.NumMpoSamples });
        }

        var endpoint = await JudgeEndpoint.CreateAsync(EndpointOptions(mrm.Endpoint!, $"{run.RunId}-mrm"), _pipelines, cancellationToken: ct).ConfigureAwait(false);
        return new LlmMetaRewardModel(endpoint, new MetaRewardModelOptions { NumMpoSamples = run.Config.NumMpoSamples });
    }

    private static JudgeEndpointOptions EndpointOptions(EndpointConfig e, string name) => new()
    {
        Name = name,
        BaseUrl = e.BaseUrl,
        Model = e.Model,
        ApiKeyEnv = e.ApiKeyEnv,
        Temperature = e.Temperature,
        Timeout = TimeSpan.FromSeconds(e.TimeoutSeconds),
        MaxRetries = e.MaxRetries,
        ConcurrencyLimit = e.ConcurrencyLimit,
    };

    /// <inheritdoc />
    public void Dispose() => _pipelines.Dispose();
}
