using Mpo.TestSupport;
using Mpo.Judging.Metrics.Elo;

namespace Mpo.Judging.Tests.Metrics.Elo;

public class EloTournamentTests
{
    private static readonly string Details = SharedData.Path("elo", "32b_32bvs32b_72b-1.details.json");
    private static readonly string Scores = SharedData.Path("elo", "32b_32bvs32b_72b-1.scores.json");

    [Fact]
    public void Replay_PaperMatchLog_ReproducesScoresFileBitForBit()
    {
        // Arrange
        var matches = MatchLogFile.Read(Details);
        var expected = ScoresFile.Read(Scores);

        // Act
        var result = EloTournament.Replay(matches);

        // Assert
        Assert.Equal(500, result.Applied);
        Assert.Equal(0, result.Skipped);
        Assert.Equal(expected.Select(p => p.Key), result.Ratings.Select(p => p.Key));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Value), BitConverter.DoubleToInt64Bits(result.Ratings[i].Value));
        }
    }

    [Fact]
    public void Replay_ScoresRenderedAsJson_RoundTripTheDoubles()
    {
        var ratings = EloTournament.Replay(MatchLogFile.Read(Details)).Ratings;

        var json = ScoresFile.ToJson(ratings);

        Assert.Equal("{\"32b_32b\":989.7971297993093,\"32b_72b\":1010.2028702006912}", json);
    }

    [Fact]
    public void Update_EqualRatingsFirstWins_MovesByHalfK()
    {
        // E_a = 1/(1+10^0) = 0.5, so A gains 4·(1−0.5) = 2 and B loses 4·(0−0.5) = −2.
        var (a, b) = EloRule.Update(1000, 1000, firstWon: true);

        Assert.Equal(1002.0, a);
        Assert.Equal(998.0, b);
    }

    [Fact]
    public void Update_FavouriteLoses_IsZeroSumAndUsesBase10Scale400()
    {
        // R_a = 1200, R_b = 1000: E_a = 1/(1+10^(−200/400)) = 1/(1+10^−0.5) ≈ 0.759747; A loses ⇒ A −= 4·0.759747.
        var (a, b) = EloRule.Update(1200, 1000, firstWon: false);

        Assert.Equal(1200 - (4 * 0.7597469266479578), a, 1e-9);
        Assert.Equal(2200.0, a + b, 1e-9);
    }

    [Fact]
    public void Replay_UndecidedMatches_AreSkippedAndLeaveRatings()
    {
        var log = new[]
        {
            new EloMatch("m1", "m2", null),
            new EloMatch("m1", "m2", "someone-else"),
            new EloMatch("m2", "m1", "m2"),
        };

        var result = EloTournament.Replay(log, ["m1", "m2"]);

        Assert.Equal(1, result.Applied);
        Assert.Equal(2, result.Skipped);
        Assert.Equal([KeyValuePair.Create("m1", 998.0), KeyValuePair.Create("m2", 1002.0)], result.Ratings);
    }

    [Fact]
    public void Replay_MatchOrderMatters_SecondMatchUsesUpdatedRatings()
    {
        // After m1 beats m2 (1002/998), m2 beating m1 moves 4·(1 − E) with E = 1/(1+10^(4/400)) < 0.5, so more than 2.
        var result = EloTournament.Replay([new EloMatch("m1", "m2", "m1"), new EloMatch("m2", "m1", "m2")], ["m1", "m2"]);

        double expectedGain = 4 * (1 - (1 / (1 + Math.Pow(10, 4.0 / 400))));
        Assert.Equal(998 + expectedGain, result.Ratings[1].Value, 1e-12);
        Assert.True(expectedGain > 2);
    }
}
