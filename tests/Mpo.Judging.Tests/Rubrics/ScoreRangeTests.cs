using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Rubrics;

public class ScoreRangeTests
{
    [Theory]
    [InlineData("Score the discourse as an integer from 0 (worst) to 5 (best).", 0, 5)]
    [InlineData("Rate clarity on a 1–6 scale.", 1, 6)]
    [InlineData("Give points 0-10 for accuracy.", 0, 10)]
    [InlineData("### Accuracy\n- (+3): all facts right, e.g. …\n- (1): minor slip\n- (-2): invented facts", -2, 3)]
    [InlineData("### Structure\n- 2: clear beginning, middle, end\n- 0: none", 0, 2)]
    [InlineData("#### Criterion for Integer Score: **4**\n#### Criterion for Integer Score: **1**", 1, 4)]
    public void FromText_DeclaredRange_Read(string text, int min, int max)
    {
        Assert.Equal(new ScoreRange(min, max), ScoreRange.FromText(text));
    }

    [Theory]
    [InlineData("The essay covers the years 1914-1918 well.")]
    [InlineData("Judge the essay's tone.")]
    public void FromText_NoDeclaredRange_Null(string text)
    {
        Assert.Null(ScoreRange.FromText(text));
    }
}
