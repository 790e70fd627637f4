using Mpo.Judging.Metrics.Elo;

namespace Mpo.Judging.Tests.Metrics.Elo;

public class PairwiseTournamentTests
{
    [Fact]
    public async Task PlayAsync_JudgeDelegate_RatesInOrderAndLogReplaysToSameRatings()
    {
        // Arrange: the judge prefers the longer response and cannot decide on ties.
        var comparisons = new[]
        {
            new PairwiseComparison("q1", "short", "long", "a", "aaaa"),
            new PairwiseComparison("q2", "long", "short", "bbbb", "b"),
            new PairwiseComparison("q3", "short", "long", "cc", "cc"),
        };
        var calls = new List<string>();
        PairwiseJudge judge = (c, _) =>
        {
            calls.Add(c.Query);
            string? winner = c.ResponseA.Length == c.ResponseB.Length ? null
                : c.ResponseA.Length > c.ResponseB.Length ? c.ModelA : c.ModelB;
            return Task.FromResult(winner);
        };

        // Act
        var (ratings, log) = await PairwiseTournament.PlayAsync(comparisons, judge);

        // Assert
        Assert.Equal(["q1", "q2", "q3"], calls);
        Assert.Equal(2, ratings.Applied);
        Assert.Equal(1, ratings.Skipped);
        Assert.Equal(["long", "long", null], log.Select(m => m.Winner));
        Assert.Equal(ratings.Ratings, EloTournament.Replay(log).Ratings);
        Assert.True(ratings.Ratings.Single(r => r.Key == "long").Value > 1002);
    }

    [Fact]
    public async Task PlayAsync_JudgeNamesUnknownModel_TreatedAsUnparsable()
    {
        PairwiseJudge judge = (_, _) => Task.FromResult<string?>("ModelC");

        var (ratings, _) = await PairwiseTournament.PlayAsync([new PairwiseComparison("q", "x", "y", "1", "2")], judge);

        Assert.Equal(1, ratings.Skipped);
        Assert.All(ratings.Ratings, r => Assert.Equal(1000.0, r.Value));
    }

    [Theory]
    [InlineData("<winner>ModelA</winner>", "ModelA")]
    [InlineData("Verdict:\n<WINNER>\nmodelb\n</Winner>", "ModelB")]
    [InlineData("<winner>ModelA or ModelB</winner>", "ModelA")]
    [InlineData("<winner>ModelB</winner> not ModelA", "ModelB")]
    [InlineData("ModelA wins", null)]
    [InlineData("<winner>neither</winner>", null)]
    public void WinnerReplyParse_Cases_AsPaperScript(string reply, string? expected)
    {
        Assert.Equal(expected, WinnerReply.Parse(reply, "ModelA", "ModelB"));
    }
}
