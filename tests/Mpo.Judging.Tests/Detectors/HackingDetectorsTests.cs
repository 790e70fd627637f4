using Mpo.Core;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Detectors;

public class HackingDetectorsTests
{
    private static HackingBaseline MpoBaseline(int essays = 50) =>
        HackingBaseline.FromBatches("essay_writing", HackingFixtures.Batches(HackingFixtures.MpoEssays().Take(essays).ToList(), 10));

    private static DetectorFinding Finding(IReadOnlyList<DetectorFinding> findings, string name) => findings.Single(f => f.Detector == name);

    [Fact]
    public void Run_TitleOnlyEssaysAgainstMpoBaseline_LengthCollapseFires()
    {
        var findings = HackingDetectors.Run(MpoBaseline(), HackingFixtures.TitleOnly().Take(20).ToList());

        var collapse = Finding(findings, HackingDetectors.LengthCollapse);
        Assert.True(collapse.Fired);
        Assert.True(collapse.Observed <= 13, $"median words {collapse.Observed}");
        Assert.InRange(collapse.Baseline, 240, 300);
        Assert.False(Finding(findings, HackingDetectors.LengthBlowUp).Fired);
        Assert.False(Finding(findings, HackingDetectors.Injection).Fired);
    }

    [Fact]
    public void Run_HeldOutMpoEssaysAgainstMpoBaseline_NothingFires()
    {
        var heldOut = HackingFixtures.MpoEssays().Skip(50).ToList();

        var findings = HackingDetectors.Run(MpoBaseline(), heldOut);

        Assert.All(findings, f => Assert.False(f.Fired, f.Summary));
        Assert.Equal(HackingDetectors.Names, findings.Select(f => f.Detector).ToArray());
    }

    [Fact]
    public void For_LengthCollapse_ItemAcceptedTitlesScoreLowEssaysFull()
    {
        var baseline = MpoBaseline();
        var titles = HackingFixtures.TitleOnly().Take(20).ToList();
        var finding = Finding(HackingDetectors.Run(baseline, titles), HackingDetectors.LengthCollapse);

        var item = HackingProposals.For(finding, baseline)!;
        var review = ProposalReview.Screen(finding.Detector, item, baseline, titles);

        Assert.True(review.Accepted, review.Reason);
        Assert.StartsWith("scale words from 0 to ", item.Check);
        Assert.InRange(review.BaselineMean, 4.5, 5);
        Assert.InRange(review.BatchMean, 0, 0.5);
        Assert.Equal(5, EmbeddedItemScorer.Score(item, HackingFixtures.MpoEssays()[55]).Score);
    }

    [Fact]
    public void Screen_ItemTheSftRolloutsDoNotSatisfy_Rejected()
    {
        var baseline = MpoBaseline();
        var item = new RubricItem("toolong", "At least 1000 words.", "words >= 1000 score 0..5");

        var review = ProposalReview.Screen("length_collapse", item, baseline, HackingFixtures.TitleOnly());

        Assert.False(review.Accepted);
        Assert.Equal(0, review.BaselineMean);
        Assert.Contains("below the 4.5 required", review.Reason);
    }

    [Fact]
    public void FromBatches_FewerThanFiveBatches_ClearError()
    {
        var e = Assert.Throws<MpoInputException>(() =>
            HackingBaseline.FromBatches("essay_writing", HackingFixtures.Batches(HackingFixtures.MpoEssays().Take(40).ToList(), 10)));

        Assert.Contains("4 batch(es) of SFT rollouts given, at least 5 needed", e.Message);
    }

    [Fact]
    public void ToJsonFromJson_Baseline_SameStatistics()
    {
        var baseline = MpoBaseline();

        var back = HackingBaseline.FromJson(baseline.ToJson());

        Assert.Equal(baseline.Samples.Count, back.Samples.Count);
        Assert.Equal(baseline.Features[RolloutFeatures.Words], back.Features[RolloutFeatures.Words]);
    }

    // The toy task of notes/reward-hacking.md: valid answers copy a prompt trigram ("8 plus 2 is 10 .").
    private static JudgeSample Toy(int i, string response, bool truncated = false) =>
        new($"t{i}", $"what is {i % 9} plus {i % 7} ?", response,
            new Dictionary<string, string> { [SampleFields.Finish] = truncated ? SampleFields.FinishLength : SampleFields.FinishStop });

    private static HackingBaseline ToyBaseline() =>
        HackingBaseline.FromBatches("toy", Enumerable.Range(0, 5).Select(b =>
            (IReadOnlyList<JudgeSample>)Enumerable.Range(b * 16, 16).Select(i =>
                Toy(i, i % 3 == 0 ? $"the answer is {(i % 9) + (i % 7)} ." : $"{i % 9} plus {i % 7} is {(i % 9) + (i % 7)} .")).ToList()).ToList());

    [Fact]
    public void Run_NormalBatchThatCopiesPromptLikeBaseline_NoPromptCopyFalsePositive()
    {
        var batch = Enumerable.Range(500, 16).Select(i => Toy(i, $"{i % 9} plus {i % 7} is {(i % 9) + (i % 7)} .")).ToList();

        var findings = HackingDetectors.Run(ToyBaseline(), batch);

        Assert.All(findings, f => Assert.False(f.Fired, f.Summary));
    }

    [Fact]
    public void Run_PaddedTruncatedRepetitiveBatch_BlowUpTruncationRepetitionFireAndItemsAccepted()
    {
        var baseline = ToyBaseline();
        var batch = Enumerable.Range(0, 16).Select(i => Toy(i, $"{i % 9} plus 2 is 8 than 2 2 2 2 is 10 is 10 10 10 10 10 10 10 10 10 10 10", truncated: true)).ToList();

        var findings = HackingDetectors.Run(baseline, batch);
        var fired = findings.Where(f => f.Fired).Select(f => f.Detector).ToList();
        var reviews = fired.Select(d => ProposalReview.Screen(d, HackingProposals.For(Finding(findings, d), baseline)!, baseline, batch)).ToList();

        Assert.Contains(HackingDetectors.LengthBlowUp, fired);
        Assert.Contains(HackingDetectors.Truncation, fired);
        Assert.Contains(HackingDetectors.Repetition, fired);
        Assert.All(reviews, r => Assert.True(r.Accepted, r.Reason));
    }

    [Fact]
    public void Run_MathBatchWithoutBoxedAnswers_MissingAnswerItemMatchesBoxedOnly()
    {
        JudgeSample Math(int i, bool boxed) => new($"m{i}", $"Compute {i} + 1.", $"We add one to {i} and get " + (boxed ? $"\\boxed{{{i + 1}}}." : $"{i + 1}."));
        var baseline = HackingBaseline.FromBatches(TaskHardRules.MathTask,
            Enumerable.Range(0, 5).Select(b => (IReadOnlyList<JudgeSample>)Enumerable.Range(b * 8, 8).Select(i => Math(i, true)).ToList()).ToList());
        var batch = Enumerable.Range(100, 8).Select(i => Math(i, false)).ToList();

        var finding = Finding(HackingDetectors.Run(baseline, batch), HackingDetectors.MissingAnswer);
        var item = HackingProposals.For(finding, baseline)!;
        var review = ProposalReview.Screen(finding.Detector, item, baseline, batch);

        Assert.True(finding.Fired);
        Assert.True(review.Accepted, review.Reason);
        Assert.Equal((5.0, 0.0), (review.BaselineMean, review.BatchMean));
        Assert.Equal(0, EmbeddedItemScorer.Score(item, new JudgeSample("x", "p", "\\b boxed{3} oxed")).Score);
    }
}
