namespace Mpo.JudgeServer;

/// <summary>The protocol turn a chat-completion request asks for, recognised from its last user message.</summary>
public enum JudgeTurnKind
{
    /// <summary>Not a recognised judge turn.</summary>
    Unknown,

    /// <summary>RM: one-sentence rationale for rubric item #n.</summary>
    Rationale,

    /// <summary>RM: integer score of the item just assessed.</summary>
    Score,

    /// <summary>MRM: analysis of one scored rollout.</summary>
    Analyze,

    /// <summary>MRM: number of refined criteria.</summary>
    Count,

    /// <summary>MRM: refined criterion #n.</summary>
    Criterion,

    /// <summary>MRM: number of merged criteria.</summary>
    MergeCount,

    /// <summary>MRM: merged criterion #n.</summary>
    MergedCriterion,

    /// <summary>Math RM: evaluation plan.</summary>
    MathPlan,

    /// <summary>Math RM: plan execution on the response.</summary>
    MathExecute,

    /// <summary>Math RM: final 0–5 score.</summary>
    MathScore,

    /// <summary>Math MRM: analysis of evaluation cases.</summary>
    MathAnalyze,

    /// <summary>Math MRM: next version of the guidelines.</summary>
    MathRefine,
}
