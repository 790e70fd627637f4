using System.Text.Json.Serialization;

namespace Mpo.Training.Rl;

/// <summary>
/// Hyperparameters of the policy update, with the paper's names (its MPOConfig / TRL 0.17 <c>PPOConfig</c>,
/// <c>OnPolicyConfig</c> and HF <c>TrainingArguments</c>) as JSON names and its defaults, so a run config reads like
/// the paper's launch script. Defaults are the code defaults of §2 of the method page; the paper's math launch used
/// <c>kl_coef</c> 0.02, <c>response_length</c> 1000, <c>missing_eos_penalty</c> 1.0, <c>learning_rate</c> 3e-6.
/// </summary>
/// <remarks>
/// <see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/ppo_config.py"/>,
/// <see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/utils.py"/> (OnPolicyConfig),
/// <see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/grpo_config.py"/>.
/// WARNING: these values are saved in every checkpoint and a resumed run uses the saved ones; changing them
/// between updates of one run breaks bit-identical resume.
/// </remarks>
public sealed record RlOptions
{
    /// <summary>Section name in a run config file.</summary>
    public const string SectionName = "rl";

    /// <summary>Update rule. <value>The default is <see cref="RlAlgorithm.Ppo"/> (the paper).</value></summary>
    [JsonPropertyName("algorithm")]
    public RlAlgorithm Algorithm { get; init; } = RlAlgorithm.Ppo;

    /// <summary>Passes over each rollout batch (also GRPO/RLOO's; TRL GRPO calls it <c>num_iterations</c>). <value>The default is 4.</value></summary>
    [JsonPropertyName("num_ppo_epochs")]
    public int NumPpoEpochs { get; init; } = 4;

    /// <summary>Weight of the per-token KL penalty in the reward (PPO, RLOO). <value>The default is 0.05.</value></summary>
    [JsonPropertyName("kl_coef")]
    public double KlCoef { get; init; } = 0.05;

    /// <summary>KL estimator for the reward penalty. <value>The default is k1.</value></summary>
    [JsonPropertyName("kl_estimator")]
    public KlEstimator KlEstimator { get; init; } = KlEstimator.K1;

    /// <summary>Policy ratio clip ε. <value>The default is 0.2.</value></summary>
    [JsonPropertyName("cliprange")]
    public double ClipRange { get; init; } = 0.2;

    /// <summary>Value clip around the rollout-time values. <value>The default is 0.2.</value></summary>
    [JsonPropertyName("cliprange_value")]
    public double ClipRangeValue { get; init; } = 0.2;

    /// <summary>Weight of the value loss. <value>The default is 0.1.</value></summary>
    [JsonPropertyName("vf_coef")]
    public double VfCoef { get; init; } = 0.1;

    /// <summary>GAE discount. <value>The default is 1.0.</value></summary>
    [JsonPropertyName("gamma")]
    public double Gamma { get; init; } = 1.0;

    /// <summary>GAE λ. <value>The default is 0.95.</value></summary>
    [JsonPropertyName("lam")]
    public double Lam { get; init; } = 0.95;

    /// <summary>Whiten per-token rewards (masked, mean kept) before GAE. <value>The default is false.</value></summary>
    [JsonPropertyName("whiten_rewards")]
    public bool WhitenRewards { get; init; }

    /// <summary>Subtracted from the score of a response without EOS; <c>null</c> = none. <value>The default is null.</value></summary>
    [JsonPropertyName("missing_eos_penalty")]
    public double? MissingEosPenalty { get; init; }

    /// <summary>Sampling temperature; log-probs are of logits/(T + 1e-7). <value>The default is 0.7.</value></summary>
    [JsonPropertyName("temperature")]
    public double Temperature { get; init; } = 0.7;

    /// <summary>Maximum new tokens per response. <value>The default is 53.</value></summary>
    [JsonPropertyName("response_length")]
    public int ResponseLength { get; init; } = 53;

    /// <summary>Mini-batches per epoch. <value>The default is 1.</value></summary>
    [JsonPropertyName("num_mini_batches")]
    public int NumMiniBatches { get; init; } = 1;

    /// <summary>Rollouts per forward/backward (micro-batch). <value>The default is 8.</value></summary>
    [JsonPropertyName("per_device_train_batch_size")]
    public int PerDeviceTrainBatchSize { get; init; } = 8;

    /// <summary>Micro-batches per optimizer step. <value>The default is 1.</value></summary>
    [JsonPropertyName("gradient_accumulation_steps")]
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Rollouts per chunk when computing reference log-probs and values. <value>The default is 64.</value></summary>
    [JsonPropertyName("local_rollout_forward_batch_size")]
    public int LocalRolloutForwardBatchSize { get; init; } = 64;

    /// <summary>Peak AdamW learning rate, decayed linearly to 0 over <see cref="NumTotalBatches"/>. <value>The default is 5e-5.</value></summary>
    [JsonPropertyName("learning_rate")]
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Linear warm-up updates before the decay (HF <c>warmup_steps</c>). <value>The default is 0.</value></summary>
    [JsonPropertyName("warmup_steps")]
    public int WarmupSteps { get; init; }

    /// <summary>AdamW decoupled weight decay. <value>The default is 0.0 (HF).</value></summary>
    [JsonPropertyName("weight_decay")]
    public double WeightDecay { get; init; }

    /// <summary>AdamW β1. <value>The default is 0.9.</value></summary>
    [JsonPropertyName("adam_beta1")]
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>AdamW β2. <value>The default is 0.999.</value></summary>
    [JsonPropertyName("adam_beta2")]
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>AdamW ε. <value>The default is 1e-8.</value></summary>
    [JsonPropertyName("adam_epsilon")]
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Global gradient-norm clip before each optimizer step; <c>null</c> = none. <value>The default is 1.0 (HF).</value></summary>
    [JsonPropertyName("max_grad_norm")]
    public double? MaxGradNorm { get; init; } = 1.0;

    /// <summary>Updates in the whole run (<c>ceil(total_episodes / batch)</c>); the LR schedule spans them. Required.</summary>
    [JsonPropertyName("num_total_batches")]
    public int NumTotalBatches { get; init; }

    /// <summary>Samples per prompt for GRPO/RLOO (TRL GRPO <c>num_generations</c>, RLOO <c>rloo_k</c>). <value>The default is 8.</value></summary>
    [JsonPropertyName("num_generations")]
    public int NumGenerations { get; init; } = 8;

    /// <summary>GRPO weight of the per-token k3 KL in the loss. <value>The default is 0.04 (TRL).</value></summary>
    [JsonPropertyName("beta")]
    public double Beta { get; init; } = 0.04;

    /// <summary>Seed of the mini-batch permutation generator. <value>The default is 42.</value></summary>
    [JsonPropertyName("seed")]
    public long Seed { get; init; } = 42;

    /// <summary>Rollouts per update: <c>per_device_train_batch_size × gradient_accumulation_steps</c> (one process).</summary>
    [JsonIgnore]
    public int LocalBatchSize => PerDeviceTrainBatchSize * GradientAccumulationSteps;

    /// <summary>Rollouts per mini-batch: <see cref="LocalBatchSize"/> / <see cref="NumMiniBatches"/>.</summary>
    [JsonIgnore]
    public int LocalMiniBatchSize => LocalBatchSize / NumMiniBatches;
}
