using System.Text.Json.Serialization;

namespace Mpo.Judging.Detectors;

/// <summary>How a flagged response's reward is changed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InjectionPenaltyMode>))]
public enum InjectionPenaltyMode
{
    /// <summary>Count the flag, keep the reward (for measuring only).</summary>
    None,

    /// <summary>Subtract <see cref="InjectionPenalty.Points"/> from the reward.</summary>
    Subtract,

    /// <summary>Set the reward to the rubric's minimum (the lowest reward any response could get).</summary>
    RubricMinimum,
}

/// <summary>
/// The penalty for a response the <see cref="PromptInjectionDetector"/> flags. The default sets the reward to the
/// rubric's minimum: a response that tries to talk to the judge must never out-score an honest poor answer.
/// </summary>
/// <param name="Mode">The rule. The default is <see cref="InjectionPenaltyMode.RubricMinimum"/>.</param>
/// <param name="Points">Points subtracted in <see cref="InjectionPenaltyMode.Subtract"/> mode. The default is 5 (one item's range).</param>
public sealed record InjectionPenalty(InjectionPenaltyMode Mode = InjectionPenaltyMode.RubricMinimum, double Points = 5)
{
    /// <summary>The flag name written into <see cref="Abstractions.SampleScore.Flags"/>.</summary>
    public const string Flag = "injection";

    /// <summary>The reward after the penalty.</summary>
    /// <param name="reward">The reward before.</param>
    /// <param name="rubricMinimum">The lowest reward the rubric allows (same scale as <paramref name="reward"/>).</param>
    public double Apply(double reward, double rubricMinimum) => Mode switch
    {
        InjectionPenaltyMode.None => reward,
        InjectionPenaltyMode.Subtract => reward - Points,
        InjectionPenaltyMode.RubricMinimum => Math.Min(reward, rubricMinimum),
        _ => throw new InvalidOperationException($"unknown injection penalty mode {Mode}"),
    };
}
