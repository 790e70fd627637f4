using Mpo.Core;

namespace Mpo.Training.Rl;

/// <summary>Checks <see cref="RlOptions"/> and names the offending field (its JSON name) in the error.</summary>
public static class RlOptionsValidation
{
    /// <summary>Throws <see cref="MpoInputException"/> naming <paramref name="source"/> and the first bad field.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="source">Where they came from (a file name), for the message.</param>
    public static void Validate(this RlOptions options, string source = "run config")
    {
        ArgumentNullException.ThrowIfNull(options);
        void Require(bool ok, string field, string rule, object? value)
        {
            if (!ok)
            {
                throw new MpoInputException($"{source}: field '{field}' {rule}, got {value ?? "null"}.");
            }
        }

        Require(options.NumPpoEpochs >= 1, "num_ppo_epochs", "must be at least 1", options.NumPpoEpochs);
        Require(options.KlCoef >= 0, "kl_coef", "must be ≥ 0", options.KlCoef);
        Require(options.ClipRange > 0, "cliprange", "must be > 0", options.ClipRange);
        Require(options.ClipRangeValue > 0, "cliprange_value", "must be > 0", options.ClipRangeValue);
        Require(options.VfCoef >= 0, "vf_coef", "must be ≥ 0", options.VfCoef);
        Require(options.Gamma is >= 0 and <= 1, "gamma", "must be in [0, 1]", options.Gamma);
        Require(options.Lam is >= 0 and <= 1, "lam", "must be in [0, 1]", options.Lam);
        Require(options.Temperature > 0, "temperature", "must be > 0", options.Temperature);
        Require(options.ResponseLength >= 1, "response_length", "must be at least 1", options.ResponseLength);
        Require(options.PerDeviceTrainBatchSize >= 1, "per_device_train_batch_size", "must be at least 1", options.PerDeviceTrainBatchSize);
        Require(options.GradientAccumulationSteps >= 1, "gradient_accumulation_steps", "must be at least 1", options.GradientAccumulationSteps);
        Require(options.NumMiniBatches >= 1 && options.LocalBatchSize % options.NumMiniBatches == 0, "num_mini_batches",
            "must divide per_device_train_batch_size × gradient_accumulation_steps", options.NumMiniBatches);
        Require(options.LocalMiniBatchSize % options.PerDeviceTrainBatchSize == 0, "num_mini_batches",
            "must leave mini-batches that are a multiple of per_device_train_batch_size", options.NumMiniBatches);
        Require(options.LocalRolloutForwardBatchSize >= 1, "local_rollout_forward_batch_size", "must be at least 1", options.LocalRolloutForwardBatchSize);
        Require(options.LearningRate > 0, "learning_rate", "must be > 0", options.LearningRate);
        Require(options.WarmupSteps >= 0, "warmup_steps", "must be ≥ 0", options.WarmupSteps);
        Require(options.WeightDecay >= 0, "weight_decay", "must be ≥ 0", options.WeightDecay);
        Require(options.MaxGradNorm is null or > 0, "max_grad_norm", "must be > 0 or null", options.MaxGradNorm);
        Require(options.NumTotalBatches >= 1, "num_total_batches", "must be at least 1 (the number of updates in the run)", options.NumTotalBatches);
        Require(options.Algorithm == RlAlgorithm.Ppo || options.NumGenerations >= 2, "num_generations",
            "must be at least 2 for grpo and rloo", options.NumGenerations);
        Require(options.Algorithm == RlAlgorithm.Ppo || options.LocalBatchSize % options.NumGenerations == 0, "num_generations",
            "must divide the batch (per_device_train_batch_size × gradient_accumulation_steps)", options.NumGenerations);
        Require(options.Beta >= 0, "beta", "must be ≥ 0", options.Beta);
    }
}
