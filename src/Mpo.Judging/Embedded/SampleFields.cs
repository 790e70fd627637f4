namespace Mpo.Judging.Embedded;

/// <summary>
/// Names of <see cref="Abstractions.JudgeSample.Fields"/> entries the embedded judge and the detectors read.
/// </summary>
public static class SampleFields
{
    /// <summary>The gold answer (math), compared by <c>boxed_equals_gold</c>.</summary>
    public const string Gold = "gold";

    /// <summary>Why generation stopped: <see cref="FinishStop"/> (EOS) or <see cref="FinishLength"/> (hit the token cap).</summary>
    public const string Finish = "finish";

    /// <summary>The policy emitted its end-of-sequence token.</summary>
    public const string FinishStop = "stop";

    /// <summary>The response was cut at the length cap without an end-of-sequence token (truncated).</summary>
    public const string FinishLength = "length";

    /// <summary>Whether the sample's response was truncated (no EOS), from its <see cref="Finish"/> field.</summary>
    public static bool IsTruncated(Abstractions.JudgeSample sample) =>
        sample.Fields is not null && sample.Fields.TryGetValue(Finish, out var finish) &&
        string.Equals(finish, FinishLength, StringComparison.OrdinalIgnoreCase);
}
