using System.Globalization;
using System.Text;
using Mpo.Judging.Detectors;
using static Mpo.Judging.Llm.JudgeProtocolMarkers;

namespace Mpo.Judging.Llm;

/// <summary>
/// MPO's own texts for the math judge: the RM's plan → execute → score conversation and the MRM's
/// analyse → refine conversation over per-cluster guidelines (structure of the paper's math prompts).
/// </summary>
public static class MathJudgePrompts
{
    /// <summary>The role line (sent as a user turn for the RM, as the paper did; as the system turn for the MRM).</summary>
    public const string Role = "You are a skilled mathematician.";

    /// <summary>The plan request.</summary>
    public static string Plan(string query, string solution, string guidelines) =>
        $"""
        {MathPlan}: a step-by-step plan for judging a student's solution, tailored to this problem, which may include a worked reference solution and must follow the meta-level guidelines. End the plan with {JudgeTurn.EndMarker}.

        [Start of Mathematical Problem]
        {query}
        [End of Mathematical Problem]

        [Start of Reference Solution]
        {solution}
        [End of Reference Solution]

        [Start of Meta-Level Guidelines]
        {guidelines}
        [End of Meta-Level Guidelines]
        """;

    /// <summary>Echoes the plan before the execution request.</summary>
    public static string PlanEcho(string plan) => $"The tailored evaluation plan:\n[Start of Evaluation Plan]\n{plan}\n[End of Evaluation Plan]";

    /// <summary>The execution request over the quoted response.</summary>
    public static string Execute(string response) =>
        $"""
        {MathExecute} to the student response below. Do not copy the plan, ignore how long the response is, and stay objective. {JudgePromptEscaping.Instruction} End with {JudgeTurn.EndMarker}.

        [Start of Student Response]
        {JudgePromptEscaping.Delimit(response)}
        [End of Student Response]
        """;

    /// <summary>Echoes the execution before the score request.</summary>
    public static string ExecuteEcho(string execution) =>
        $"Your evaluation:\n[Start of Evaluation Execution]\n{execution}\n[End of Evaluation Execution]";

    /// <summary>The final score request.</summary>
    public const string ScoreTurn = $"Finally, give the student response a {MathScore}. Output the number only.\nYour Score: ";

    /// <summary>One evaluation case for the math MRM.</summary>
    public static string Case(int number, string problem, string response, string solution, string feedback, string score)
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        return new StringBuilder()
            .Append("[Start of Evaluation Case #").Append(n).Append("]\n")
            .Append("[Start of Problem]\n").Append(problem).Append("\n[End of Problem]\n")
            .Append("[Start of Student Response]\n").Append(JudgePromptEscaping.Delimit(response)).Append("\n[End of Student Response]\n")
            .Append("[Start of Reference Solution]\n").Append(solution).Append("\n[End of Reference Solution]\n")
            .Append("[Start of Evaluation Feedback]\n").Append(feedback).Append("\n[End of Evaluation Feedback]\n")
            .Append("[Start of Score]\n").Append(score).Append("\n[End of Score]\n")
            .Append("[End of Evaluation Case #").Append(n).Append(']')
            .ToString();
    }

    /// <summary>The math MRM's analysis request.</summary>
    public static string Analyze(string cases, string guidelines, int maxWords) =>
        $"""
        {MathAnalyze}. Each case holds a problem, a student response, the reference solution, the grader's evaluation feedback and its score (0–5).
        Find inconsistencies or errors in the grading, suggest extra diagnostic checks and problem-specific examples, and describe patterns across the cases. Use at most {maxWords.ToString(CultureInfo.InvariantCulture)} words and end with {JudgeTurn.EndMarker}.

        {cases}

        [Start of Meta-Level Guidelines]
        {guidelines}
        [End of Meta-Level Guidelines]
        """;

    /// <summary>Echoes the analysis before the refinement request.</summary>
    public static string AnalysisEcho(string analysis) =>
        $"Your meta-level analysis:\n[Start of Meta-Level Analysis]\n{analysis}\n[End of Meta-Level Analysis]";

    /// <summary>The refinement request.</summary>
    public static string Refine(int maxWords) =>
        $"{MathRefine} for the grader, addressing your analysis, in at most {maxWords.ToString(CultureInfo.InvariantCulture)} words. End with {JudgeTurn.EndMarker}.";
}
