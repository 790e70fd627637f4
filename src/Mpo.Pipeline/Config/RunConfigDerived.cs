using Mpo.Core.Pipeline;
using Mpo.Training.Rl;

namespace Mpo.Pipeline.Config;

/// <summary>Values derived from a <see cref="RunConfig"/>: the effective RL options, the batch shape, and the <see cref="RunPlan"/>.</summary>
public static class RunConfigDerived
{
    /// <summary>Total updates of the run.</summary>
    public static int TotalSteps(this RunConfig config) => config.Epochs * config.StepsPerEpoch;

    /// <summary>The <c>rl</c> options with <c>num_total_batches</c> filled in (epochs × steps_per_epoch when 0).</summary>
    public static RlOptions EffectiveRl(this RunConfig config) =>
        config.Rl.NumTotalBatches > 0 ? config.Rl : config.Rl with { NumTotalBatches = Math.Max(1, config.TotalSteps()) };

    /// <summary>Samples drawn per prompt: 1 for PPO, <c>num_generations</c> for GRPO/RLOO.</summary>
    public static int SamplesPerPrompt(this RunConfig config) =>
        config.Rl.Algorithm == RlAlgorithm.Ppo ? 1 : Math.Max(1, config.Rl.NumGenerations);

    /// <summary>Prompts per update implied by the <c>rl</c> batch.</summary>
    public static int DerivedPromptsPerStep(this RunConfig config) =>
        Math.Max(1, config.Rl.LocalBatchSize / config.SamplesPerPrompt());

    /// <summary>The prompts of shard <paramref name="shard"/> of <paramref name="shardCount"/>: a contiguous slice (offset, count) of the step's prompts.</summary>
    public static (int Offset, int Count) ShardSlice(this RunConfig config, int shard, int shardCount)
    {
        int prompts = config.DerivedPromptsPerStep();
        int start = (int)((long)prompts * shard / shardCount);
        int end = (int)((long)prompts * (shard + 1) / shardCount);
        return (start, end - start);
    }

    /// <summary>The orchestrations' view of the run.</summary>
    public static RunPlan ToPlan(this RunConfig config) => new(
        config.Epochs,
        config.StepsPerEpoch,
        config.RolloutShards,
        config.NumMpoInterval,
        config.EvolveRubric,
        config.Evaluation.EveryEpochs,
        config.Evaluation.EveryMinutes,
        config.Retries.ToDictionary(
            kv => kv.Key,
            kv => new RetrySettings(kv.Value.MaxAttempts, kv.Value.FirstRetrySeconds, kv.Value.BackoffCoefficient, kv.Value.MaxRetrySeconds)));
}
