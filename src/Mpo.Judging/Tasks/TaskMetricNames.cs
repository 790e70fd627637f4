namespace Mpo.Judging.Tasks;

/// <summary>The evaluation metric names of <see cref="TaskDefinition.Metric"/>.</summary>
public static class TaskMetricNames
{
    /// <summary>Elo tournament under a pairwise judge (essays): no per-response score.</summary>
    public const string Elo = "elo";

    /// <summary>Mean ROUGE-1/2/L/Lsum F-measures against the reference summary.</summary>
    public const string Rouge = "rouge";

    /// <summary>Share of responses whose verdict equals the gold label.</summary>
    public const string VerdictAccuracy = "verdict_accuracy";

    /// <summary>Share of responses whose first boxed answer is <c>is_equiv</c> to the gold answer.</summary>
    public const string MathAccuracy = "math_accuracy";
}
