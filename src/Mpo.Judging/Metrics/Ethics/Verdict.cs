namespace Mpo.Judging.Metrics.Ethics;

/// <summary>A binary moral verdict on the anecdote's action (Scruples' <c>binarized_label</c>).</summary>
public enum Verdict
{
    /// <summary>The author acted rightly.</summary>
    Right,

    /// <summary>The author acted wrongly.</summary>
    Wrong,
}
