namespace Mpo.Judging.Llm;

/// <summary>
/// Fixed phrases that open each kind of judge request in MPO's own prompt texts. They make the turns
/// recognisable to tools that replay or emulate a judge (the test server classifies requests by them); change a
/// prompt and its marker together.
/// </summary>
public static class JudgeProtocolMarkers
{
    /// <summary>Reward model, first user turn: the grading task and its inputs.</summary>
    public const string RewardHeader = "You will grade one response against a rubric, one rubric item at a time.";

    /// <summary>Reward model: the per-item rationale request (followed by the item number).</summary>
    public const string RubricItem = "Rubric Item #";

    /// <summary>Reward model: the per-item score request.</summary>
    public const string ScoreRequest = "reply with a single integer score";

    /// <summary>Meta-reward model: the analysis request.</summary>
    public const string Analyze = "Write a meta-level analysis of this grading";

    /// <summary>Meta-reward model: the refinement request.</summary>
    public const string Refine = "Turn your analysis into an explicit, point-based rubric";

    /// <summary>Meta-reward model: how many criteria the refined rubric needs.</summary>
    public const string Count = "how many distinct scoring criteria";

    /// <summary>Meta-reward model: one refined criterion (followed by its number).</summary>
    public const string Criterion = "Write scoring criterion #";

    /// <summary>Meta-reward model: the merge request over several criteria sets.</summary>
    public const string Merge = "Combine these sets of scoring criteria into one";

    /// <summary>Meta-reward model: how many merged criteria are needed.</summary>
    public const string MergeCount = "how many non-overlapping, distinct criteria";

    /// <summary>Meta-reward model: one merged criterion (followed by its number).</summary>
    public const string MergedCriterion = "Write merged criterion #";

    /// <summary>Math reward model: the evaluation plan request.</summary>
    public const string MathPlan = "Design an evaluation plan for the problem below";

    /// <summary>Math reward model: the execution request.</summary>
    public const string MathExecute = "Apply the evaluation plan step by step";

    /// <summary>Math reward model: the final 0–5 score request.</summary>
    public const string MathScore = "single integer score from 0 to 5";

    /// <summary>Math meta-reward model: the analysis over evaluation cases.</summary>
    public const string MathAnalyze = "Review how the grader evaluated the cases below";

    /// <summary>Math meta-reward model: the next version of the guidelines.</summary>
    public const string MathRefine = "Write the next version of the meta-level guidelines";
}
