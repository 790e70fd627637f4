using Mpo.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Pretraining;

/// <summary>Progress of a supervised run, reported once per step.</summary>
/// <param name="Step">1-based step just finished.</param>
/// <param name="Steps">Total steps.</param>
/// <param name="Loss">This step's mean cross-entropy per response token.</param>
/// <param name="LearningRate">The learning rate this step used.</param>
public sealed record SupervisedProgress(int Step, int Steps, double Loss, double LearningRate);

/// <summary>The outcome of a supervised run.</summary>
/// <param name="Losses">Every step's loss, in order.</param>
/// <param name="FinalLoss">Mean loss of the last <see cref="SupervisedTrainer.FinalLossWindow"/> steps (one step's loss is noisy).</param>
public sealed record SupervisedResult(IReadOnlyList<double> Losses, double FinalLoss);

/// <summary>
/// Supervised fine-tuning of a causal LM on (prompt, response) pairs: cross-entropy on the response tokens and EOS
/// only (prompt positions are masked), AdamW with warmup then decay, global-norm gradient clipping, and shuffling by
/// a seeded <see cref="Random"/> once per pass over the data. With <see cref="TorchRuntime.Initialize"/>'s fixed
/// thread count, the same model, data and options give bit-identical weights.
/// </summary>
public sealed class SupervisedTrainer : IDisposable
{
    /// <summary>Steps averaged into <see cref="SupervisedResult.FinalLoss"/>.</summary>
    public const int FinalLossWindow = 50;

    private readonly CausalLanguageModel _model;
    private readonly SupervisedTrainerOptions _options;
    private readonly List<Parameter> _parameters;
    private readonly OptimizerHelper _optimizer;

    /// <summary>Creates a trainer for <paramref name="model"/> (on the CPU, float32).</summary>
    public SupervisedTrainer(CausalLanguageModel model, SupervisedTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        _parameters = [.. model.parameters()];
        _optimizer = optim.AdamW(_parameters, options.LearningRate, options.AdamBeta1, options.AdamBeta2, options.AdamEpsilon, options.WeightDecay);
    }

    /// <summary>Runs <see cref="SupervisedTrainerOptions.Steps"/> steps over <paramref name="examples"/>.</summary>
    public SupervisedResult Train(IReadOnlyList<SupervisedExample> examples, IProgress<SupervisedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("No examples to train on.", nameof(examples));
        }

        var rng = new Random(_options.Seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        int cursor = order.Length;
        var losses = new List<double>(_options.Steps);
        _model.train();
        for (int step = 0; step < _options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // 1. Next batch; a new seeded permutation whenever a pass over the data ends.
            var batchExamples = new List<SupervisedExample>(_options.BatchSize);
            while (batchExamples.Count < Math.Min(_options.BatchSize, examples.Count))
            {
                if (cursor == order.Length)
                {
                    rng.Shuffle(order);
                    cursor = 0;
                }

                batchExamples.Add(examples[order[cursor++]]);
            }

            // 2. Learning rate of this step.
            double lr = LearningRateSchedule.At(_options, step);
            foreach (var group in _optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }

            // 3. Loss, backward, clip, update.
            using var scope = NewDisposeScope();
            using var batch = SupervisedBatch.Collate(batchExamples, _options.PadTokenId);
            _optimizer.zero_grad();
            var loss = Loss(_model, batch);
            loss.backward();
            nn.utils.clip_grad_norm_(_parameters, _options.MaxGradNorm);
            _optimizer.step();
            double value = loss.item<float>();
            losses.Add(value);
            progress?.Report(new SupervisedProgress(step + 1, _options.Steps, value, lr));
        }

        _model.eval();
        return new SupervisedResult(losses, losses.TakeLast(FinalLossWindow).Average());
    }

    /// <summary>Mean cross-entropy per response token of <paramref name="batch"/> (a scalar tensor with grad).</summary>
    public static Tensor Loss(CausalLanguageModel model, SupervisedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var output = model.forward(new CausalLmInput(batch.InputIds, batch.AttentionMask));
        var (b, t) = (batch.InputIds.shape[0], batch.InputIds.shape[1]);
        var logits = output.Logits.narrow(1, 0, t - 1).reshape(b * (t - 1), -1); // (B·(T−1), V)
        var targets = batch.InputIds.narrow(1, 1, t - 1).reshape(b * (t - 1)); // (B·(T−1))
        var perToken = nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None); // (B·(T−1))
        var mask = batch.LossMask.reshape(b * (t - 1)); // (B·(T−1))
        return perToken.mul(mask).sum().div(mask.sum()).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();
}
