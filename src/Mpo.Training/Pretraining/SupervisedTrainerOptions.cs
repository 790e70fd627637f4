namespace Mpo.Training.Pretraining;

/// <summary>How the learning rate falls after warmup.</summary>
public enum LearningRateDecay
{
    /// <summary>Linear from the peak to <see cref="SupervisedTrainerOptions.MinLearningRateRatio"/> × peak.</summary>
    Linear,

    /// <summary>Half a cosine from the peak to <see cref="SupervisedTrainerOptions.MinLearningRateRatio"/> × peak.</summary>
    Cosine,
}

/// <summary>
/// Options of <see cref="SupervisedTrainer"/>. Defaults are the recipe of shared notes/reward-hacking.md (AdamW,
/// lr 3e-3, 100 warmup steps, batch 64), which took a 0.4M-parameter decoder to a held-out oracle of 0.94.
/// </summary>
public sealed record SupervisedTrainerOptions
{
    /// <summary>Optimizer steps. <value>The default is 1500.</value></summary>
    public int Steps { get; init; } = 1500;

    /// <summary>Examples per step. <value>The default is 64.</value></summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Peak learning rate. <value>The default is 3e-3.</value></summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Steps of linear warmup from 0 to the peak. <value>The default is 100.</value></summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>The decay after warmup. <value>The default is <see cref="LearningRateDecay.Cosine"/>.</value></summary>
    public LearningRateDecay Decay { get; init; } = LearningRateDecay.Cosine;

    /// <summary>The last step's learning rate as a share of the peak. <value>The default is 0.1.</value></summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>AdamW β1. <value>The default is 0.9.</value></summary>
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>AdamW β2. <value>The default is 0.999.</value></summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>AdamW ε. <value>The default is 1e-8.</value></summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>AdamW decoupled weight decay. <value>The default is 0.01 (PyTorch's AdamW default).</value></summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gradients are clipped to this global L2 norm. <value>The default is 1.0.</value></summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the example shuffling. <value>The default is 0.</value></summary>
    public int Seed { get; init; }

    /// <summary>The id written in padded positions (masked from attention and loss). <value>The default is 0.</value></summary>
    public int PadTokenId { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their ranges.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Steps, 1, nameof(Steps));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LearningRate, 0, nameof(LearningRate));
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupSteps, nameof(WarmupSteps));
        ArgumentOutOfRangeException.ThrowIfNegative(MinLearningRateRatio, nameof(MinLearningRateRatio));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinLearningRateRatio, 1, nameof(MinLearningRateRatio));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxGradNorm, 0, nameof(MaxGradNorm));
    }
}
