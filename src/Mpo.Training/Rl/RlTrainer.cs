using Mpo.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>
/// Runs policy updates (PPO as the paper, or GRPO/RLOO) from rollout batches. Owns the optimizer (one AdamW over the
/// policy's trainable parameters and the value model, as the paper's <c>PolicyAndValueWrapper</c>), the mini-batch
/// permutation generator and the update counter: exactly the state a checkpoint must carry.
/// </summary>
/// <remarks>
/// The reference model is the policy with adapters off when it has LoRA adapters (the paper), else an explicit
/// frozen copy. Models run in eval mode: the paper disables dropout. Call <see cref="TorchRuntime.Initialize"/>
/// first: bit-identical resume needs a fixed thread count. The caller owns (and disposes) the models.
/// </remarks>
public sealed partial class RlTrainer : IDisposable
{
    private readonly CausalLanguageModel? _reference;
    private readonly Parameter[] _parameters;

    /// <summary>Creates a trainer; the value model is required for PPO and ignored otherwise.</summary>
    /// <param name="options">Hyperparameters (validated here).</param>
    /// <param name="tokens">Pad, EOS and stop ids.</param>
    /// <param name="policy">The policy; with LoRA attached only the adapters train.</param>
    /// <param name="valueModel">PPO's critic (a separate copy of the network + head).</param>
    /// <param name="reference">Frozen reference network; <c>null</c> when the policy has LoRA adapters.</param>
    public RlTrainer(RlOptions options, RlTokenIds tokens, CausalLanguageModel policy, ValueModel? valueModel = null, CausalLanguageModel? reference = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(policy);
        options.Validate();
        if (tokens.PadTokenId == tokens.EosTokenId)
        {
            throw new ArgumentException("the pad id must differ from the EOS id (add a pad token, as the paper adds [PAD]).", nameof(tokens));
        }

        if (options.Algorithm == RlAlgorithm.Ppo && valueModel is null)
        {
            throw new ArgumentException("PPO needs a value model.", nameof(valueModel));
        }

        bool hasAdapters = policy.Projections().Any(p => p.Projection.Adapter is not null);
        if (reference is null && !hasAdapters)
        {
            throw new ArgumentException("without LoRA adapters on the policy, pass a frozen reference copy.", nameof(reference));
        }

        Options = options;
        Tokens = tokens;
        Policy = policy;
        ValueModel = options.Algorithm == RlAlgorithm.Ppo ? valueModel : null;
        _reference = reference;
        foreach (var p in reference?.parameters() ?? [])
        {
            p.requires_grad = false;
        }

        policy.eval();
        ValueModel?.eval();
        reference?.eval();
        _parameters = [.. policy.parameters().Where(p => p.requires_grad), .. ValueModel?.parameters().Where(p => p.requires_grad) ?? []];
        Optimizer = optim.AdamW(_parameters, options.LearningRate, options.AdamBeta1, options.AdamBeta2, options.AdamEpsilon, options.WeightDecay);
        Generator = new Generator((ulong)options.Seed);
    }

    /// <summary>The hyperparameters in force.</summary>
    public RlOptions Options { get; }

    /// <summary>Special token ids.</summary>
    public RlTokenIds Tokens { get; }

    /// <summary>The policy being trained.</summary>
    public CausalLanguageModel Policy { get; }

    /// <summary>PPO's critic; <c>null</c> for GRPO/RLOO.</summary>
    public ValueModel? ValueModel { get; }

    /// <summary>The optimizer (its state goes into checkpoints).</summary>
    public AdamW Optimizer { get; }

    /// <summary>Draws the mini-batch permutations (its state goes into checkpoints).</summary>
    public Generator Generator { get; }

    /// <summary>Updates completed so far; the LR schedule reads it.</summary>
    public int CompletedUpdates { get; internal set; }

    /// <summary>Every parameter the optimizer updates, in optimizer order.</summary>
    public IReadOnlyList<Parameter> TrainableParameters => _parameters;

    /// <summary>Runs one update (steps 3–12 of the method page) and advances the LR schedule.</summary>
    /// <param name="batch">The rollouts; B must equal <c>per_device_train_batch_size × gradient_accumulation_steps</c>.</param>
    public UpdateStats Update(RolloutBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckBatch(batch);
        using var scope = NewDisposeScope();
        double lr = LearningRateSchedule.Linear(Options.LearningRate, CompletedUpdates, Options.NumTotalBatches, Options.WarmupSteps);
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }

        PreparedBatch prepared;
        using (no_grad())
        {
            prepared = Options.Algorithm == RlAlgorithm.Ppo ? PreparePpo(batch) : PrepareGroup(batch);
        }

        var loop = RunEpochs(prepared);
        CompletedUpdates++;
        var s = prepared.Summary;
        return new UpdateStats(
            CompletedUpdates, lr, s.MeanScore, s.MeanKl, s.MeanNonScoreReward, s.MeanScore + s.MeanNonScoreReward,
            s.MeanSequenceEntropy, loop.PolicyLoss, loop.ValueLoss, loop.PolicyClipFraction, loop.ValueClipFraction,
            loop.ApproxKl, loop.Entropy, loop.Ratio, s.MeanResponseLength, s.EosCount, loop.GradNorm, loop.OptimizerSteps);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Optimizer.Dispose();
        Generator.Dispose();
    }

    private void CheckBatch(RolloutBatch batch)
    {
        long b = batch.QueryIds.shape[0];
        if (b != Options.LocalBatchSize || batch.ResponseIds.shape[0] != b || batch.Logprobs.shape[0] != b || batch.Scores.shape[0] != b)
        {
            throw new ArgumentException(
                $"rollout batch must hold per_device_train_batch_size × gradient_accumulation_steps = {Options.LocalBatchSize} rows in every tensor.", nameof(batch));
        }

        if (!batch.ResponseIds.shape.SequenceEqual(batch.Logprobs.shape))
        {
            throw new ArgumentException("response ids and log-probs must have the same (B, T) shape.", nameof(batch));
        }
    }
}
