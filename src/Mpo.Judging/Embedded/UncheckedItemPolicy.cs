using System.Text.Json.Serialization;

namespace Mpo.Judging.Embedded;

/// <summary>What the embedded reward model does with a rubric item that has no <c>check</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UncheckedItemPolicy>))]
public enum UncheckedItemPolicy
{
    /// <summary>
    /// The item fails with a message naming it, so the sample is unscorable (NaN, never 0). The default: the embedded
    /// judge cannot read prose, and silently inventing a score would hide a rubric meant for an LLM judge.
    /// </summary>
    Fail,

    /// <summary>The item is left out of the reward and of the rubric's range (its rationale says so).</summary>
    Skip,
}
