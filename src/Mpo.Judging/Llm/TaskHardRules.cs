using System.Text.RegularExpressions;

namespace Mpo.Judging.Llm;

/// <summary>
/// The paper's rule-based rewards that bypass the LLM: ethics (no verdict, or under 30 words of reasoning → −10)
/// and the math rationale length gate (under 30 words → 0).
/// </summary>
public static partial class TaskHardRules
{
    /// <summary>Task name of ethical reasoning.</summary>
    public const string Ethics = "ethical_reasoning";

    /// <summary>Task name of mathematical reasoning.</summary>
    public const string Math = "math_reasoning";

    /// <summary>Reward for an ethics response without a verdict or with too little reasoning: −10.</summary>
    public const double EthicsPenalty = -10;

    /// <summary>Minimum words of reasoning (ethics) or rationale (math): 30.</summary>
    public const int MinimumWords = 30;

    /// <summary>Why an ethics response gets the penalty without a judge call, or <c>null</c> when it goes to the judge.</summary>
    public static string? EthicsViolation(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!Verdict().IsMatch(response))
        {
            return "no <verdict>RIGHT</verdict> or <verdict>WRONG</verdict>";
        }

        var words = WordCount(Verdict().Replace(response, " "));
        return words < MinimumWords ? $"reasoning has {words} words (< {MinimumWords})" : null;
    }

    /// <summary>The math rationale: the response without the boxed answer's content and the <c>\boxed{</c> opener.</summary>
    public static string MathRationale(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var answer = MathAnswerCheck.FirstBoxed(response);
        var text = answer is null ? response : response.Replace(answer, " ", StringComparison.Ordinal);
        return text.Replace("\\boxed{", " ", StringComparison.Ordinal);
    }

    /// <summary>Whitespace-separated words.</summary>
    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"<verdict>\s*(RIGHT|WRONG)\s*</verdict>")]
    private static partial Regex Verdict();
}
