using System.Text.Json.Serialization;
using Mpo.Training.Lora;
using Mpo.Training.Rl;

namespace Mpo.Pipeline.Config;

/// <summary>
/// Everything a training run is made of, read from one JSON file (docs/run-config.md) and stored as the run's
/// <c>config.json</c> blob when the run is created, so any worker can run any activity from the blob alone. Names
/// are the paper's (<c>num_mpo_interval</c>, the <c>rl</c> section's TRL names).
/// </summary>
public sealed record RunConfig
{
    /// <summary>The task and its data. <value>The default is the bundled <c>mini_qa</c>.</value></summary>
    [JsonPropertyName("task")]
    public TaskConfig Task { get; init; } = new();

    /// <summary>The policy model folder and device. <value>The default is the bundled tiny policy on the CPU.</value></summary>
    [JsonPropertyName("policy")]
    public PolicyConfig Policy { get; init; } = new();

    /// <summary>The policy update's hyperparameters (TRL names). <c>num_total_batches</c> 0 means epochs × steps_per_epoch.</summary>
    [JsonPropertyName("rl")]
    public RlOptions Rl { get; init; } = new();

    /// <summary>LoRA adapters on the policy; <c>null</c> trains the full policy. <value>The default is null.</value></summary>
    [JsonPropertyName("lora")]
    public LoraOptions? Lora { get; init; }

    /// <summary>The reward model. <value>The default is the embedded judge.</value></summary>
    [JsonPropertyName("rm")]
    public JudgeConfig Rm { get; init; } = new();

    /// <summary>The meta-reward model. <value>The default is the embedded judge.</value></summary>
    [JsonPropertyName("mrm")]
    public JudgeConfig Mrm { get; init; } = new();

    /// <summary>Revise the rubric after every this many updates (the paper's <c>num_mpo_interval</c>). <value>The default is 10.</value></summary>
    [JsonPropertyName("num_mpo_interval")]
    public int NumMpoInterval { get; init; } = 10;

    /// <summary>Rollouts the meta-reward model reads per revision (the paper's <c>num_mpo_samples</c>). <value>The default is 20.</value></summary>
    [JsonPropertyName("num_mpo_samples")]
    public int NumMpoSamples { get; init; } = 20;

    /// <summary>Whether the meta-reward model revises the rubric (false = fixed-rubric baseline). <value>The default is true.</value></summary>
    [JsonPropertyName("evolve_rubric")]
    public bool EvolveRubric { get; init; } = true;

    /// <summary>Epochs of the run. <value>The default is 1.</value></summary>
    [JsonPropertyName("epochs")]
    public int Epochs { get; init; } = 1;

    /// <summary>Policy updates per epoch. <value>The default is 20.</value></summary>
    [JsonPropertyName("steps_per_epoch")]
    public int StepsPerEpoch { get; init; } = 20;

    /// <summary>
    /// Training prompts per update; <c>null</c> derives it from <c>rl</c>: the batch (<c>per_device_train_batch_size ×
    /// gradient_accumulation_steps</c>), divided by <c>num_generations</c> for GRPO/RLOO. When given it must equal that.
    /// <value>The default is null.</value>
    /// </summary>
    [JsonPropertyName("prompts_per_step")]
    public int? PromptsPerStep { get; init; }

    /// <summary>Shards the rollouts and scores of a step fan out over (at most the prompts per step). <value>The default is 1.</value></summary>
    [JsonPropertyName("rollout_shards")]
    public int RolloutShards { get; init; } = 1;

    /// <summary>When the latest checkpoint is evaluated. <value>The default is after every epoch.</value></summary>
    [JsonPropertyName("evaluation")]
    public EvaluationConfig Evaluation { get; init; } = new();

    /// <summary>Which committed checkpoints are kept. <value>The default keeps the last 3.</value></summary>
    [JsonPropertyName("retention")]
    public RetentionConfig Retention { get; init; } = new();

    /// <summary>The run seed: every activity's randomness derives from (seed, step, shard). <value>The default is 42.</value></summary>
    [JsonPropertyName("seed")]
    public long Seed { get; init; } = 42;

    /// <summary>Torch intra-op threads; a resumed run must use the same number for bit-identical results. <value>The default is 1.</value></summary>
    [JsonPropertyName("threads")]
    public int Threads { get; init; } = 1;

    /// <summary>Durable retry policy per activity name (<c>GenerateRollouts</c>, <c>ScoreRollouts</c>, ...). <value>The default is empty (5 attempts, 5 s, ×2, ≤ 120 s).</value></summary>
    [JsonPropertyName("retries")]
    public IReadOnlyDictionary<string, RetryConfig> Retries { get; init; } = new Dictionary<string, RetryConfig>();

    /// <summary>Where the run's artifacts go. <value>The default is container <c>mpo</c>.</value></summary>
    [JsonPropertyName("storage")]
    public StorageConfig Storage { get; init; } = new();
}
