using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tests.Detectors;

namespace Mpo.Judging.Tests.Embedded;

public class EmbeddedMetaRewardModelTests
{
    // The flawed one-item rubric a title satisfies: something was written.
    private static readonly Rubric Initial = new([new RubricItem(RubricFormat.IdFor("Any answer."), "Any answer. Score 0 to 5.", "words >= 1")]);

    private static readonly HackingBaseline Baseline =
        HackingBaseline.FromBatches("essay_writing", HackingFixtures.Batches(HackingFixtures.MpoEssays().Take(50).ToList(), 10));

    private static RevisionRequest Request(IReadOnlyList<JudgeSample> samples, Rubric current, long seed = 7) =>
        new(EmbeddedRewardModelTests.Task("essay_writing"), current,
            samples.Select(s => new ScoredSample(s, new SampleScore(s.SampleId, 5, []))).ToList(), Step: 20, Seed: seed);

    [Fact]
    public async Task ReviseAsync_TitleOnlyRollouts_AddsLengthItemAfterCurrentItems()
    {
        var model = new EmbeddedMetaRewardModel(Baseline);

        var result = await model.ReviseAsync(Request(HackingFixtures.TitleOnly(), Initial));

        Assert.NotNull(result.Rubric);
        Assert.Null(result.Failure);
        Assert.Equal(Initial.Items[0], result.Rubric.Items[0]);
        Assert.Contains(result.Rubric.Items, i => i.Check!.StartsWith("scale words from 0 to ", StringComparison.Ordinal));
        Assert.Contains("length_collapse: FIRED", result.Analysis);
        Assert.Contains("read 20 of 60 rollouts (seed 7)", result.Analysis);
        Assert.Contains("accepted ", result.Analysis);
    }

    [Fact]
    public async Task ReviseAsync_RubricWithHeavyItem_ProposesItemsAsHeavyUnlessDisabled()
    {
        // An exploited item worth 20 points: a 0-5 correction could not outweigh it.
        var heavy = new Rubric([new RubricItem(RubricFormat.IdFor("Any answer, weighted."), "Any answer, weighted. Score 0 to 20.", "words >= 1 score 0..20")]);

        var matched = await new EmbeddedMetaRewardModel(Baseline).ReviseAsync(Request(HackingFixtures.TitleOnly(), heavy));
        var fixedFive = await new EmbeddedMetaRewardModel(Baseline, new EmbeddedMetaRewardModelOptions { MatchHeaviestItem = false })
            .ReviseAsync(Request(HackingFixtures.TitleOnly(), heavy));

        var added = Assert.Single(matched.Rubric!.Items.Skip(1));
        Assert.EndsWith("score 0..20", added.Check, StringComparison.Ordinal);
        Assert.Equal(20, EmbeddedItemScorer.RangeOf(added)!.Max);
        Assert.Contains("Proposals (items scored 0..20):", matched.Analysis, StringComparison.Ordinal);
        Assert.Equal(5, EmbeddedItemScorer.RangeOf(Assert.Single(fixedFive.Rubric!.Items.Skip(1)))!.Max);
    }

    [Fact]
    public async Task ReviseAsync_NothingFires_RubricKeptAndRecorded()
    {
        var model = new EmbeddedMetaRewardModel(Baseline);

        var result = await model.ReviseAsync(Request(HackingFixtures.MpoEssays().Skip(50).ToList(), Initial));

        Assert.Null(result.Rubric);
        Assert.Equal(EmbeddedMetaRewardModel.NoChangePrefix + "no detector fired; the rubric stays", result.Failure);
        Assert.Contains("length_collapse: ok", result.Analysis);
    }

    [Fact]
    public async Task ReviseAsync_ProposalAlreadyInRubric_NoChange()
    {
        var model = new EmbeddedMetaRewardModel(Baseline);
        var first = await model.ReviseAsync(Request(HackingFixtures.TitleOnly(), Initial));

        var second = await model.ReviseAsync(Request(HackingFixtures.TitleOnly(), first.Rubric!, seed: 8));

        Assert.Null(second.Rubric);
        Assert.Equal(EmbeddedMetaRewardModel.NoChangePrefix + "the proposed items are already in the rubric", second.Failure);
    }

    [Fact]
    public async Task ReviseAsync_SameSeed_SameResultDifferentSeedDifferentSample()
    {
        var model = new EmbeddedMetaRewardModel(Baseline, new EmbeddedMetaRewardModelOptions { NumMpoSamples = 5 });
        var rollouts = HackingFixtures.TitleOnly();

        var a = await model.ReviseAsync(Request(rollouts, Initial, seed: 11));
        var b = await model.ReviseAsync(Request(rollouts, Initial, seed: 11));
        var ids11 = model.Propose(Request(rollouts, Initial, seed: 11)).SampledIds;
        var ids12 = model.Propose(Request(rollouts, Initial, seed: 12)).SampledIds;

        Assert.Equal(a.Analysis, b.Analysis);
        Assert.Equal(RubricFormat.Render(a.Rubric!), RubricFormat.Render(b.Rubric!));
        Assert.Equal(5, ids11.Count);
        Assert.Equal(5, ids11.Distinct().Count());
        Assert.NotEqual(ids11, ids12);
    }

    [Fact]
    public async Task ReviseThenScore_NewRubric_TitlesScoreBelowEssays()
    {
        var revised = (await new EmbeddedMetaRewardModel(Baseline).ReviseAsync(Request(HackingFixtures.TitleOnly(), Initial))).Rubric!;
        var rm = new EmbeddedRewardModel();
        var task = EmbeddedRewardModelTests.Task("essay_writing");

        double title = (await rm.ScoreAsync(task, Initial, HackingFixtures.TitleOnly()[0])).Reward;
        double essay = (await rm.ScoreAsync(task, Initial, HackingFixtures.MpoEssays()[0])).Reward;
        double titleAfter = (await rm.ScoreAsync(task, revised, HackingFixtures.TitleOnly()[0])).Reward;
        double essayAfter = (await rm.ScoreAsync(task, revised, HackingFixtures.MpoEssays()[0])).Reward;

        Assert.Equal(title, essay); // the flawed rubric cannot tell them apart
        Assert.True(essayAfter >= titleAfter + 4, $"essay {essayAfter}, title {titleAfter}");
    }
}
