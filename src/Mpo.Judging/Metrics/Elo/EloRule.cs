namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// The Elo update exactly as the paper's <c>elo_simulation.py</c> applies it: logistic expectation in base 10 with
/// scale 400, no draws, both new ratings computed from the ratings before the match (so every update is zero-sum).
/// The arithmetic is written in the same order as the original so replays reproduce its floats bit for bit.
/// </summary>
public static class EloRule
{
    /// <summary>Every model starts at this rating. The default is 1000 (the paper).</summary>
    public const double InitialRating = 1000.0;

    /// <summary>The K factor the tournament passes. The default is 4 (the update helper's own default of 32 is unused).</summary>
    public const double KFactor = 4.0;

    /// <summary>E_a = 1 / (1 + 10^((R_b − R_a) / 400)): the expected score of the model rated <paramref name="ratingA"/>.</summary>
    public static double Expected(double ratingA, double ratingB) =>
        1.0 / (1.0 + Math.Pow(10.0, (ratingB - ratingA) / 400.0));

    /// <summary>
    /// The ratings after one match between the first-shown model A and the second-shown model B.
    /// R_a += K(S_a − E_a), R_b += K((1 − S_a) − E_b), both from the ratings before the match.
    /// </summary>
    /// <param name="ratingA">Rating of the first-shown model before the match.</param>
    /// <param name="ratingB">Rating of the second-shown model before the match.</param>
    /// <param name="firstWon">Whether the first-shown model won (S_a = 1), otherwise S_a = 0.</param>
    /// <param name="k">The K factor (the paper's 4).</param>
    public static (double RatingA, double RatingB) Update(double ratingA, double ratingB, bool firstWon, double k = KFactor)
    {
        double scoreA = firstWon ? 1.0 : 0.0;
        double expectedA = Expected(ratingA, ratingB);
        double expectedB = Expected(ratingB, ratingA);
        return (ratingA + (k * (scoreA - expectedA)), ratingB + (k * ((1.0 - scoreA) - expectedB)));
    }
}
