namespace Mpo.Judging.Abstractions;

/// <summary>The score of one rubric item.</summary>
/// <param name="ItemId">The rubric item's id.</param>
/// <param name="Score">The integer score given, or <c>null</c> when it could not be obtained.</param>
/// <param name="Rationale">The judge's one-sentence rationale (or the check's explanation).</param>
/// <param name="Failure">Why there is no score (timeout, unparsable reply, ...), or <c>null</c>.</param>
public sealed record ItemScore(string ItemId, double? Score, string? Rationale, string? Failure = null);

/// <summary>
/// The reward model's verdict on one response. A response that could not be scored has <see cref="Reward"/> NaN and
/// a <see cref="Failure"/>: it is never silently 0.
/// </summary>
/// <param name="SampleId">The sample's id.</param>
/// <param name="Reward">Sum of item scores (optionally normalised), after task hard rules and penalties; NaN if unscorable.</param>
/// <param name="Items">Per-item scores in rubric order.</param>
/// <param name="Failure">Why the sample is unscorable, or <c>null</c>.</param>
/// <param name="Flags">Detector flags raised on the response (e.g. <c>injection</c>).</param>
public sealed record SampleScore(
    string SampleId, double Reward, IReadOnlyList<ItemScore> Items, string? Failure = null, IReadOnlyList<string>? Flags = null)
{
    /// <summary>Whether a reward was obtained.</summary>
    public bool IsScored => !double.IsNaN(Reward);
}
