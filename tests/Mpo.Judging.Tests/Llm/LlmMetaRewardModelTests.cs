using Mpo.JudgeServer;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Llm;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Llm;

public sealed class LlmMetaRewardModelTests
{
    private static readonly Rubric Current = RubricFormat.Parse(JudgeHarness.Essay.InitialRubric);

    private static List<ScoredSample> Rollouts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ScoredSample(
            new JudgeSample($"r{i}", $"prompt {i}", $"response number {i} " + JudgeHarness.Words(i + 1)),
            new SampleScore($"r{i}", i % 6, [new ItemScore("x", i % 6, "ok")])))];

    private static RevisionRequest Request(List<ScoredSample> rollouts, long seed = 42) => new(JudgeHarness.Essay, Current, rollouts, 20, seed);

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_SampledAnalyses_MergeIntoNewRubric()
    {
        await using var h = await JudgeHarness.StartAsync();
        var mrm = h.MetaRewardModel(new MetaRewardModelOptions { NumMpoSamples = 3 });

        var result = await mrm.ReviseAsync(Request(Rollouts(8)));

        Assert.Null(result.Failure);
        Assert.NotNull(result.Rubric);
        Assert.Equal(2, result.Rubric.Items.Count);
        Assert.StartsWith("### Merged requirement 1", result.Rubric.Items[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<EOE>", result.Rubric.Items[1].Text, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.Log.OfKind(JudgeTurnKind.Analyze).Count);
        Assert.Equal(3, h.Server.Log.OfKind(JudgeTurnKind.Count).Count);
        Assert.Equal(6, h.Server.Log.OfKind(JudgeTurnKind.Criterion).Count);
        Assert.Single(h.Server.Log.OfKind(JudgeTurnKind.MergeCount));
        Assert.Equal(2, h.Server.Log.OfKind(JudgeTurnKind.MergedCriterion).Count);
        Assert.Contains("The junior score looks generous", result.Analysis, StringComparison.Ordinal);

        var analyze = h.Server.Log.OfKind(JudgeTurnKind.Analyze)[0].Turn!;
        Assert.Equal(JudgeHarness.Essay.MetaRewardModelPersona, analyze.Messages[0].Content);
        Assert.Contains(RubricFormat.RenderForJudge(Current), analyze.LastUser, StringComparison.Ordinal);
        var merge = h.Server.Log.OfKind(JudgeTurnKind.MergeCount)[0].Turn!;
        Assert.Contains("Junior Instructor's Scoring Criteria Set #3:", merge.Messages[1].Content, StringComparison.Ordinal);
        Assert.Contains("\n===\n", merge.Messages[1].Content, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_CountAboveCap_AsksForAtMostMaxItems()
    {
        await using var h = await JudgeHarness.StartAsync(responder: new RuleBasedResponder { CriteriaCount = 50 });
        var mrm = h.MetaRewardModel(new MetaRewardModelOptions { NumMpoSamples = 1, MaxItems = 3 });

        var result = await mrm.ReviseAsync(Request(Rollouts(4)));

        Assert.Equal(3, h.Server.Log.OfKind(JudgeTurnKind.Criterion).Count);
        Assert.Equal(3, h.Server.Log.OfKind(JudgeTurnKind.MergedCriterion).Count);
        Assert.Equal(3, result.Rubric!.Items.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_MergeCountUnparsable_KeepsPreviousRubricWithFailure()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.Garbage("several"), JudgeTurnKind.MergeCount);
        var mrm = h.MetaRewardModel(new MetaRewardModelOptions { NumMpoSamples = 2 });

        var result = await mrm.ReviseAsync(Request(Rollouts(4)));

        Assert.Null(result.Rubric);
        Assert.Contains("merge: criteria count: no integer", result.Failure, StringComparison.Ordinal);
        Assert.Contains("The junior score looks generous", result.Analysis, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_CriteriaWithoutText_KeepsPreviousRubricWithFailure()
    {
        await using var h = await JudgeHarness.StartAsync(responder: new DelegateResponder(
            t => t.Kind == JudgeTurnKind.MergedCriterion ? "<item></item> <EOE>" : null, new RuleBasedResponder()));
        var mrm = h.MetaRewardModel(new MetaRewardModelOptions { NumMpoSamples = 2 });

        var result = await mrm.ReviseAsync(Request(Rollouts(4)));

        Assert.Null(result.Rubric);
        Assert.Contains("no criterion had text", result.Failure, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_EveryAnalysisFails_KeepsPreviousRubricWithCause()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with { MaxRetries = 0 });
        h.Server.Faults.ForShare(1.0, new JudgeFault.Status(400), JudgeTurnKind.Analyze);
        var mrm = h.MetaRewardModel(new MetaRewardModelOptions { NumMpoSamples = 2 });

        var result = await mrm.ReviseAsync(Request(Rollouts(4)));

        Assert.Null(result.Rubric);
        Assert.Contains("HTTP 400", result.Failure, StringComparison.Ordinal);
        Assert.Empty(h.Server.Log.OfKind(JudgeTurnKind.MergeCount));
    }

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_SameSeed_AnalysesSameRollouts()
    {
        var first = await AnalysedResponsesAsync(seed: 42);
        var again = await AnalysedResponsesAsync(seed: 42);
        var other = await AnalysedResponsesAsync(seed: 43);

        Assert.Equal(3, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReviseAsync_Math_RevisesEachClusterFromRmFeedback()
    {
        await using var h = await JudgeHarness.StartAsync();
        var guidelines = RubricFormat.Parse(JudgeHarness.Math.InitialRubric);
        var rollouts = Enumerable.Range(0, 7).Select(i =>
        {
            var fields = new Dictionary<string, string> { ["domain"] = i < 4 ? "0" : "2", ["cluster"] = i < 4 ? "1" : "3", ["solution"] = "\\boxed{4}" };
            return new ScoredSample(
                new JudgeSample($"m{i}", $"problem {i}", $"answer {i} \\boxed{{4}}", fields),
                new SampleScore($"m{i}", i % 6, [new ItemScore(LlmRewardModel.ReasoningItemId, i % 6, $"[Evaluation Plan]\nplan {i}\n[Evaluation Execution]\nexec {i}")]));
        }).ToList();
        var mrm = h.MetaRewardModel();

        var result = await mrm.ReviseAsync(new RevisionRequest(JudgeHarness.Math, guidelines, rollouts, 20, 42));

        Assert.NotNull(result.Rubric);
        Assert.Equal([guidelines.Items[0].Id, "math-d0-c1", "math-d2-c3"], result.Rubric.Items.Select(i => i.Id));
        Assert.Equal(guidelines.Items[0].Text, result.Rubric.Items[0].Text);
        Assert.StartsWith("Check the boxed answer against the reference", result.Rubric.Items[1].Text, StringComparison.Ordinal);
        Assert.Equal(2, h.Server.Log.OfKind(JudgeTurnKind.MathAnalyze).Count);
        Assert.Equal(2, h.Server.Log.OfKind(JudgeTurnKind.MathRefine).Count);
        Assert.Empty(h.Server.Log.OfKind(JudgeTurnKind.MergeCount));
        var analyses = h.Server.Log.OfKind(JudgeTurnKind.MathAnalyze).Select(c => c.Turn!.LastUser).ToList();
        Assert.Contains(analyses, a => a.Contains("[Start of Evaluation Case #4]", StringComparison.Ordinal) && a.Contains("plan ", StringComparison.Ordinal));
        Assert.All(analyses, a => Assert.Contains("[Evaluation Execution]", a, StringComparison.Ordinal));
    }

    private static async Task<List<string>> AnalysedResponsesAsync(long seed)
    {
        await using var h = await JudgeHarness.StartAsync();
        var mrm = h.MetaRewardModel(new MetaRewardModelOptions { NumMpoSamples = 3 });
        await mrm.ReviseAsync(Request(Rollouts(12), seed));
        return [.. h.Server.Log.OfKind(JudgeTurnKind.Analyze).Select(c => c.Turn!.Response!).Order(StringComparer.Ordinal)];
    }
}
