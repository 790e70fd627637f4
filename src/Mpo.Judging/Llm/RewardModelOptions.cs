using Mpo.Judging.Detectors;

namespace Mpo.Judging.Llm;

/// <summary>Options of <see cref="LlmRewardModel"/> (the endpoint is configured by <see cref="JudgeEndpointOptions"/>).</summary>
public sealed record RewardModelOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "RewardModel";

    /// <summary>How item scores become the reward.</summary>
    /// <value>The default is <see cref="RewardNormalization.None"/> (the paper's sum).</value>
    public RewardNormalization Normalization { get; init; } = RewardNormalization.None;

    /// <summary>How math responses are rewarded.</summary>
    /// <value>The default is <see cref="MathMode.Mixed"/> (the paper's coin toss, here seeded per batch).</value>
    public MathMode MathMode { get; init; } = MathMode.Mixed;

    /// <summary>Run seed for the Mixed math coin when a sample is scored outside a batch.</summary>
    /// <value>The default is 42 (the paper's seed).</value>
    public long RunSeed { get; init; } = 42;

    /// <summary>Penalty for responses the prompt-injection detector flags (the same rule as the embedded judge's).</summary>
    /// <value>The default sets the reward to the rubric's minimum.</value>
    public InjectionPenalty InjectionPenalty { get; init; } = new();
}
