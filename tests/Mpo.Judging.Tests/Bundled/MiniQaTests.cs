using Mpo.Judging.Bundled;

namespace Mpo.Judging.Tests.Bundled;

public class MiniQaTests
{
    [Fact]
    public void Split_TrainAndTest_AreDisjointCoverEverythingAndHoldOutTenPercent()
    {
        var all = MiniQaData.All().Select(e => e.Prompt).ToArray();

        var train = MiniQaData.Train.Select(e => e.Prompt).ToHashSet();
        var test = MiniQaData.Test.Select(e => e.Prompt).ToHashSet();

        // 21·21·3 additions + 8·8·3 descriptions + 41·40·2 comparisons.
        Assert.Equal((21 * 21 * 3) + (8 * 8 * 3) + (41 * 40 * 2), all.Length);
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Empty(train.Intersect(test));
        Assert.Equal(all.Length, train.Count + test.Count);
        Assert.Equal(Math.Round(all.Length * 0.1), test.Count);
        Assert.Contains(MiniQaData.Test, e => e.Kind == MiniQaKind.Describe);
    }

    [Fact]
    public void Corpus_SameSeed_IsIdenticalAndUsesOnlyTrainingPrompts()
    {
        var a = MiniQaData.Corpus(500, seed: 7);
        var b = MiniQaData.Corpus(500, seed: 7);
        var c = MiniQaData.Corpus(500, seed: 8);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var test = MiniQaData.Test.Select(e => e.Prompt).ToHashSet();
        Assert.DoesNotContain(a, p => test.Contains(p.Prompt));
    }

    [Theory]
    [InlineData("add 7 and 12 .", "the answer is 19 .", true, 1.0)]
    [InlineData("add 7 and 12 .", "7 plus 12 is 19 .", true, 1.0)]
    [InlineData("add 7 and 12 .", "the answer is 19 .", false, 0.5)] // right, but never stopped
    [InlineData("add 7 and 12 .", "the answer is 18 .", true, 0.0)]
    [InlineData("add 7 and 12 .", "7 plus 12 is 7 than 12 12 is 19 19", false, 0.5)] // the hack: content survives, form does not
    [InlineData("describe the red ball .", "it is a red ball .", true, 1.0)]
    [InlineData("describe the red ball .", "this is a blue ball .", true, 0.0)]
    [InlineData("describe the red ball .", "it is a red ball and a red car .", true, 0.0)]
    [InlineData("which is bigger , 7 or 12 ?", "12 is bigger than 7 .", true, 1.0)]
    [InlineData("which is bigger , 7 or 12 ?", "12 is bigger .", true, 1.0)]
    [InlineData("which is bigger , 7 or 12 ?", "7 is bigger than 12 .", true, 0.0)]
    [InlineData("which is bigger , 7 or 12 ?", "12 is bigger than 7 7 7", false, 0.5)]
    public void Oracle_Judge_ScoresHalfContentHalfForm(string prompt, string response, bool eos, double expected)
    {
        var example = MiniQaData.All().Single(e => e.Prompt == prompt);

        var verdict = MiniQaOracle.Judge(example, response, eos);

        Assert.Equal(expected, verdict.Score);
    }
}
