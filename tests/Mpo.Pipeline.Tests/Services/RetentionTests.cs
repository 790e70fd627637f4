using Mpo.Pipeline.Config;
using Mpo.Pipeline.Services;

namespace Mpo.Pipeline.Tests.Services;

public sealed class RetentionTests
{
    [Fact]
    public void Keep_LastAndEvery_KeepsThoseStepZeroAndTheNewest()
    {
        var kept = Retention.Keep([0, 1, 2, 3, 4, 5, 6, 7], 7, new RetentionConfig { KeepLast = 2, KeepEvery = 3 });

        Assert.Equal([0, 3, 6, 7], kept.Order());
    }

    [Fact]
    public void Keep_KeepLastOne_NeverDeletesTheOneJustCommittedOrNewer()
    {
        var kept = Retention.Keep([0, 4, 5, 9], 5, new RetentionConfig { KeepLast = 1 });

        Assert.Equal([0, 5, 9], kept.Order());
    }
}
