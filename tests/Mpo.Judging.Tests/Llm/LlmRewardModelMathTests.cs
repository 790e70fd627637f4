using System.Text.Json.Nodes;
using Mpo.JudgeServer;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Llm;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Llm;

public sealed class LlmRewardModelMathTests
{
    private static readonly Rubric Guidelines = RubricFormat.Parse(JudgeHarness.Math.InitialRubric);

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["solution"] = "Add the numbers: $2 + 2 = \\boxed{4}$.",
        ["domain"] = "0",
        ["cluster"] = "1",
    };

    private static JudgeSample Sample(string answer) =>
        new("m1", "What is 2 + 2?", JudgeHarness.Words(35, "reason") + $" so the answer is $\\boxed{{{answer}}}$.", Fields);

    [Theory(Timeout = 30_000)]
    [InlineData("4", 5)]
    [InlineData(" 4 ", 5)]
    [InlineData("5", 0)]
    public async Task ScoreAsync_AnswerMode_BoxedAnswerAgainstGoldWithoutJudgeCall(string answer, double expected)
    {
        await using var h = await JudgeHarness.StartAsync();

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Math, Guidelines, Sample(answer), MathMode.Answer);

        Assert.Equal(expected, score.Reward);
        Assert.Equal(LlmRewardModel.AnswerItemId, score.Items[0].ItemId);
        Assert.Empty(h.Server.Log.Chats);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(MathMode.Answer)]
    [InlineData(MathMode.Reasoning)]
    public async Task ScoreAsync_MathRationaleUnderThirtyWords_ZeroWithoutJudgeCall(MathMode mode)
    {
        await using var h = await JudgeHarness.StartAsync();
        var sample = new JudgeSample("m1", "What is 2 + 2?", "It is $\\boxed{4}$.", Fields);

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Math, Guidelines, sample, mode);

        Assert.Equal(0, score.Reward);
        Assert.Empty(h.Server.Log.Chats);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_ReasoningMode_RunsPlanExecuteScoreWithClusterGuidelines()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with { GuidedDecoding = GuidedDecoding.Sglang });
        var guidelines = new Rubric([.. Guidelines.Items, new RubricItem(MathGuidelines.ItemId("0", "1"), "Cluster 0/1: verify the arithmetic.")]);

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Math, guidelines, Sample("4"), MathMode.Reasoning);

        Assert.Equal([JudgeTurnKind.MathPlan, JudgeTurnKind.MathExecute, JudgeTurnKind.MathScore], h.Server.Log.Chats.Select(c => c.Turn!.Kind));
        var plan = h.Server.Log.Chats[0].Turn!;
        Assert.Equal(["user", "user"], plan.Messages.Select(m => m.Role));
        Assert.Contains("Cluster 0/1: verify the arithmetic.", plan.LastUser, StringComparison.Ordinal);
        Assert.Equal(Fields["solution"], plan.ReferenceSolution);
        Assert.Contains("reason reason", h.Server.Log.Chats[1].Turn!.Response, StringComparison.Ordinal);
        Assert.Equal("[0-5]", (string?)JsonNode.Parse(h.Server.Log.Chats[2].Body)!["regex"]);
        Assert.Equal(5, score.Reward);
        Assert.Contains("[Evaluation Plan]", score.Items[0].Rationale, StringComparison.Ordinal);
        Assert.Contains("[Evaluation Execution]", score.Items[0].Rationale, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_ReasoningScoreOutOfRange_IsUnscorable()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.OutOfRange(7), JudgeTurnKind.MathScore);

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Math, Guidelines, Sample("4"), MathMode.Reasoning);

        Assert.True(double.IsNaN(score.Reward));
        Assert.Contains("outside the declared range 0–5", score.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ForBatch_SameRunSeedAndStep_SameChoiceAndBothModesOccur()
    {
        var first = Enumerable.Range(0, 64).Select(step => MathModeChoice.ForBatch(MathMode.Mixed, 42, step)).ToList();
        var again = Enumerable.Range(0, 64).Select(step => MathModeChoice.ForBatch(MathMode.Mixed, 42, step)).ToList();
        var otherSeed = Enumerable.Range(0, 64).Select(step => MathModeChoice.ForBatch(MathMode.Mixed, 7, step)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.Contains(MathMode.Answer, first);
        Assert.Contains(MathMode.Reasoning, first);
        Assert.Equal(MathMode.Answer, MathModeChoice.ForBatch(MathMode.Answer, 42, 3));
    }
}
