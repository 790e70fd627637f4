using Mpo.Judging.Detectors;

namespace Mpo.Judging.Embedded;

/// <summary>Options of the <see cref="EmbeddedRewardModel"/>.</summary>
public sealed record EmbeddedRewardModelOptions
{
    /// <summary>
    /// Divide the summed item scores by the rubric's maximum (a documented deviation from the paper, whose reward scale
    /// drifts as revisions add items). <value>The default is <c>false</c> (the paper's plain sum).</value>
    /// </summary>
    public bool NormalizeByMaximum { get; init; }

    /// <summary>What to do with items without a check. <value>The default is <see cref="UncheckedItemPolicy.Fail"/>.</value></summary>
    public UncheckedItemPolicy UncheckedItems { get; init; } = UncheckedItemPolicy.Fail;

    /// <summary>Apply the paper's ethics and math hard rules. <value>The default is <c>true</c>.</value></summary>
    public bool ApplyHardRules { get; init; } = true;

    /// <summary>Penalty for responses the prompt-injection detector flags. <value>The default sets the reward to the rubric's minimum.</value></summary>
    public InjectionPenalty InjectionPenalty { get; init; } = new();
}
