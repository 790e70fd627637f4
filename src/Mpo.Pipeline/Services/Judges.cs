using System.Collections.Concurrent;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Llm;
using Mpo.Pipeline.Config;
using RunJudgeConfig = Mpo.Pipeline.Config.JudgeConfig;

namespace Mpo.Pipeline.Services;

/// <summary>
/// The reward and meta-reward models of a run, built by the process's <see cref="JudgeFactory"/> from the run
/// config's <c>rm</c>/<c>mrm</c> sections (<see cref="RunJudgeConfig.ToJudging"/>) and kept per run: the embedded
/// judge, or an OpenAI-compatible endpoint with its resilience pipeline (retries, circuit breaker, concurrency limit).
/// </summary>
public sealed class Judges(HackingBaselines baselines, JudgeFactory factory)
{
    private readonly ConcurrentDictionary<string, Task<IRewardModel>> _rewardModels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<IMetaRewardModel>> _metaModels = new(StringComparer.Ordinal);

    /// <summary>The stage name recorded as the author of MRM-written rubric versions.</summary>
    public static string StageOf(RunJudgeConfig mrm) => mrm.Kind == JudgeKinds.Embedded ? "embedded" : "llm";

    /// <summary>The run's reward model.</summary>
    public Task<IRewardModel> RewardModelAsync(RunContext run, CancellationToken ct) =>
        Cached(_rewardModels, run.RunId, () => factory.CreateRewardModelAsync(Judging(run, run.Config.Rm, "rm"), "rm", ct));

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

    private async Task<IMetaRewardModel> CreateMetaRewardModelAsync(RunContext run, CancellationToken ct)
    {
        var mrm = Judging(run, run.Config.Mrm, "mrm");
        var baseline = mrm.Kind == JudgeKind.Embedded ? await baselines.GetAsync(run, ct).ConfigureAwait(false) : null;
        return await factory.CreateMetaRewardModelAsync(mrm, baseline, "mrm", ct).ConfigureAwait(false);
    }

    private static Mpo.Judging.Llm.JudgeConfig Judging(RunContext run, RunJudgeConfig judge, string section) =>
        judge.ToJudging($"{run.RunId}-{section}", run.Config.Seed, run.Config.NumMpoSamples);
}
