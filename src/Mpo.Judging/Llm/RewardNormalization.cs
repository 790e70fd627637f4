using Mpo.Judging.Rubrics;
using System.Text.Json.Serialization;

namespace Mpo.Judging.Llm;

/// <summary>How the summed item scores become the reward.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RewardNormalization>))]
public enum RewardNormalization
{
    /// <summary>The paper's: reward = Σ item scores. Its scale drifts as the MRM changes the rubric (method §6.1).</summary>
    None,

    /// <summary>
    /// A documented deviation: reward = Σ item scores / Σ declared item maxima, in [0, 1] for non-negative ranges,
    /// so the value target stays on one scale across rubric versions. Every item must declare its range
    /// (<see cref="ScoreRange.FromText"/>); otherwise the sample is unscorable with that cause.
    /// </summary>
    RubricMaximum,
}
