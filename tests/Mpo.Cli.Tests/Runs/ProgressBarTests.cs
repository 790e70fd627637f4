using Mpo.Cli.Runs;

namespace Mpo.Cli.Tests.Runs;

public sealed class ProgressBarTests
{
    [Theory]
    [InlineData(0, 4, 8, "[--------]")]
    [InlineData(2, 4, 8, "[####----]")]
    [InlineData(4, 4, 8, "[########]")]
    [InlineData(9, 4, 8, "[########]")]
    [InlineData(-1, 4, 8, "[--------]")]
    [InlineData(3, 0, 4, "[----]")]
    public void Render_DoneOfTotal_FillsThatShare(int done, int total, int width, string expected) =>
        Assert.Equal(expected, ProgressBar.Render(done, total, width));
}
