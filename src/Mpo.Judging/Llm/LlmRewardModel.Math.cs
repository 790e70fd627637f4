using System.Globalization;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Llm;

/// <summary>The math reward: the rationale length gate, then the answer check or the plan → execute → score conversation.</summary>
public sealed partial class LlmRewardModel
{
    /// <summary>Item id of the rule-based answer check.</summary>
    public const string AnswerItemId = "math:answer";

    /// <summary>Item id of the LLM-judged reasoning score (its rationale holds the plan and execution).</summary>
    public const string ReasoningItemId = "math:reasoning";

    private async Task<SampleScore> ScoreMathAsync(Rubric guidelines, JudgeSample sample, MathMode mode, CancellationToken cancellationToken)
    {
        var itemId = mode == MathMode.Reasoning ? ReasoningItemId : AnswerItemId;
        if (TaskHardRules.Apply(TaskHardRules.MathTask, sample) is { } rule)
        {
            return new SampleScore(sample.SampleId, rule.Reward, [new ItemScore(itemId, rule.Reward, rule.Explanation)], Flags: [TaskHardRules.Flag]);
        }

        return mode == MathMode.Reasoning
            ? await ScoreReasoningAsync(guidelines, sample, cancellationToken).ConfigureAwait(false)
            : CheckAnswer(sample);
    }

    private static SampleScore CheckAnswer(JudgeSample sample)
    {
        var gold = MathGuidelines.Field(sample, MathGuidelines.GoldField)
                   ?? (MathGuidelines.Field(sample, MathGuidelines.SolutionField) is { } solution ? BoxedAnswers.FirstBoxed(solution) : null);
        if (gold is null)
        {
            return Unscorable(sample, [new ItemScore(AnswerItemId, null, null, "no gold answer")], "sample has neither a 'gold' field nor a boxed answer in 'solution'");
        }

        // The embedded judge's answer check, with the gold answer taken from the reference solution when no field gives it.
        var fields = new Dictionary<string, string>(sample.Fields ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [SampleFields.Gold] = gold };
        var item = TaskHardRules.MathAnswerCheck(sample with { Fields = fields }) with { ItemId = AnswerItemId };
        return new SampleScore(sample.SampleId, item.Score!.Value, [item]);
    }

    private async Task<SampleScore> ScoreReasoningAsync(Rubric guidelines, JudgeSample sample, CancellationToken cancellationToken)
    {
        var solution = MathGuidelines.Field(sample, MathGuidelines.SolutionField);
        if (solution is null)
        {
            return Unscorable(sample, [new ItemScore(ReasoningItemId, null, null, "no reference solution")], "sample has no 'solution' field");
        }

        var limits = _endpoint.Options.MaxTokens;
        var conversation = new JudgeConversation(_endpoint)
            .User(MathJudgePrompts.Role)
            .User(MathJudgePrompts.Plan(sample.Prompt, solution, MathGuidelines.For(guidelines, sample)));
        string? plan = null, execution = null;
        string? failure;
        try
        {
            plan = await conversation.GenerateAsync(new JudgeTurn("plan", limits.Plan, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
            conversation.User(MathJudgePrompts.PlanEcho(plan)).User(MathJudgePrompts.Execute(sample.Response));
            execution = await conversation.GenerateAsync(new JudgeTurn("execute", limits.Plan, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
            conversation.User(MathJudgePrompts.ExecuteEcho(execution)).User(MathJudgePrompts.ScoreTurn);
            var reply = await conversation.GenerateAsync(new JudgeTurn("math-score", limits.Score, Regex: "[0-5]"), cancellationToken).ConfigureAwait(false);
            if (ScoreParser.TryParse(reply, new ScoreRange(0, 5), out var value, out failure))
            {
                return new SampleScore(sample.SampleId, value, [new ItemScore(ReasoningItemId, value, Feedback(plan, execution))]);
            }
        }
        catch (JudgeCallException e)
        {
            failure = e.Message;
        }

        var rationale = plan is null ? null : Feedback(plan, execution ?? "");
        return Unscorable(sample, [new ItemScore(ReasoningItemId, null, rationale, failure)], string.Create(CultureInfo.InvariantCulture, $"math reasoning: {failure}"));
    }

    /// <summary>The feedback the math MRM reads: the plan and the execution.</summary>
    private static string Feedback(string plan, string execution) =>
        $"[Evaluation Plan]\n{plan}\n[Evaluation Execution]\n{execution}";
}
