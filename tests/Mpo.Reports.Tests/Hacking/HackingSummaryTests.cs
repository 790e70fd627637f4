using Mpo.Reports.Hacking;

namespace Mpo.Reports.Tests.Hacking;

public sealed class HackingSummaryTests
{
    [Fact]
    public void Summarize_TwoSeedsPerArm_GivesMeanAndStdPerArmInArmOrder()
    {
        var runs = HackingRuns.TwoSeedsPerArm().Reverse().ToList();

        var summaries = HackingSummary.Summarize(runs);

        Assert.Equal(HackingArms.All, summaries.Select(s => s.Arm));
        var flawed = summaries[0];
        Assert.Equal(2, flawed.Seeds);
        Assert.Equal(0.7, flawed.FinalOracle.Mean, 12);
        Assert.Equal(Math.Sqrt(0.02), flawed.FinalOracle.Std, 12);
        Assert.Equal(-0.3, flawed.OracleChange.Mean, 12);
        Assert.Equal(0.7, flawed.MinOracle.Mean, 12);
        Assert.Equal(17, flawed.FinalLength.Mean, 12);
        Assert.Equal(0.75, flawed.FinalEosShare.Mean, 12);

        // Last 5 of 10 updates rising linearly 0.4 → 0.9 and 0.4 → 0.8: steps 6..10 average at step 8.
        Assert.Equal(((0.4 + (0.5 * 7 / 9.0)) + (0.4 + (0.4 * 7 / 9.0))) / 2, flawed.FinalRewardNormalized.Mean, 9);
        Assert.Equal(((0.4 + (0.5 * 2 / 9.0)) + (0.4 + (0.4 * 2 / 9.0))) / 2, flawed.StartRewardNormalized.Mean, 9);
        Assert.Equal(2.5, summaries[2].RubricVersions.Mean, 12);
        Assert.Equal(0.96, summaries[2].FinalOracle.Mean, 12);
    }

    [Fact]
    public void Summarize_RunWithoutOracle_ThrowsNamingTheRun()
    {
        var run = HackingRuns.Make(HackingArms.Mpo, 42, 0.4, 0.6, []);

        var e = Assert.Throws<InvalidOperationException>(() => HackingSummary.Summarize([run]));

        Assert.Contains("hk-mpo-s42", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Summaries_OneRowPerArmWithMeanAndStd()
    {
        var table = HackingTable.Markdown(HackingSummary.Summarize(HackingRuns.TwoSeedsPerArm()));

        var lines = table.TrimEnd().Split('\n');
        Assert.Equal(2 + 3, lines.Length);
        Assert.StartsWith("| fixed-initial | 2 | 1.000 ± 0.000 | 0.700 ± 0.141 | -0.300 ± 0.141 |", lines[2], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(13, l.Count(c => c == '|')));
    }
}
