using System.Text.RegularExpressions;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded.Checks;

namespace Mpo.Judging.Embedded;

/// <summary>A hard rule that decided a reward without any judging.</summary>
/// <param name="Reward">The fixed reward.</param>
/// <param name="Rule">Rule name (<c>ethics_missing_verdict</c>, <c>ethics_short_reasoning</c>, <c>math_short_rationale</c>).</param>
/// <param name="Explanation">One sentence saying why.</param>
public sealed record HardRuleOutcome(double Reward, string Rule, string Explanation);

/// <summary>
/// The paper's task rules that bypass the judge (mpo-method.md §1.6): ethics responses without a
/// <c>&lt;verdict&gt;RIGHT|WRONG&lt;/verdict&gt;</c> tag, or with fewer than 30 words of reasoning besides it, get −10;
/// math responses whose rationale (the response minus the boxed answer and its <c>\boxed{</c>) has fewer than 30 words
/// get 0. Both the embedded and the LLM reward models apply them first.
/// </summary>
public static partial class TaskHardRules
{
    /// <summary>Flag written into <see cref="SampleScore.Flags"/> when a hard rule decided the reward.</summary>
    public const string Flag = "hard_rule";

    /// <summary>The paper's ethical-reasoning task name.</summary>
    public const string EthicsTask = "ethical_reasoning";

    /// <summary>The paper's math task name.</summary>
    public const string MathTask = "math_reasoning";

    /// <summary>Minimum words of reasoning (ethics) or rationale (math).</summary>
    public const int MinimumWords = 30;

    /// <summary>The ethics penalty.</summary>
    public const double EthicsPenalty = -10;

    /// <summary>The reward the answer check gives a correct math answer (an incorrect one gets 0).</summary>
    public const int MathCorrectScore = 5;

    /// <summary>The rule that fires for <paramref name="sample"/> under task <paramref name="taskName"/>, or <c>null</c>.</summary>
    public static HardRuleOutcome? Apply(string taskName, JudgeSample sample)
    {
        ArgumentNullException.ThrowIfNull(taskName);
        ArgumentNullException.ThrowIfNull(sample);
        if (taskName == EthicsTask)
        {
            if (!CheckEvaluator.HasVerdict(sample.Response))
            {
                return new HardRuleOutcome(EthicsPenalty, "ethics_missing_verdict", "The response has no <verdict>RIGHT</verdict> or <verdict>WRONG</verdict> tag, so it gets -10.");
            }

            int words = TextMeasures.Words(CheckEvaluator.Verdict().Replace(sample.Response, " "));
            if (words < MinimumWords)
            {
                return new HardRuleOutcome(EthicsPenalty, "ethics_short_reasoning", $"The reasoning besides the verdict has {words} words (fewer than {MinimumWords}), so it gets -10.");
            }
        }
        else if (taskName == MathTask)
        {
            int words = TextMeasures.Words(BoxedAnswers.Rationale(sample.Response));
            if (words < MinimumWords)
            {
                return new HardRuleOutcome(0, "math_short_rationale", $"The rationale has {words} words (fewer than {MinimumWords}), so it gets 0.");
            }
        }

        return null;
    }

    /// <summary>
    /// The paper's math answer-check mode: 5 when the first boxed answer equals the sample's <c>gold</c> field, else 0.
    /// </summary>
    /// <exception cref="CheckEvaluationException">The sample has no gold answer.</exception>
    public static ItemScore MathAnswerCheck(JudgeSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Fields is null || !sample.Fields.TryGetValue(SampleFields.Gold, out var gold))
        {
            throw new CheckEvaluationException($"the math answer check needs the '{SampleFields.Gold}' field, which sample {sample.SampleId} lacks");
        }

        var answer = BoxedAnswers.FirstBoxed(sample.Response);
        bool ok = BoxedAnswers.Equivalent(answer, gold);
        var why = answer is null ? "There is no boxed answer" : ok ? "The boxed answer equals the gold answer" : "The boxed answer differs from the gold answer";
        int score = ok ? MathCorrectScore : 0;
        return new ItemScore("answer_check", score, $"{why}, so the score is {score}.");
    }
}
