namespace Mpo.Judging.Metrics.Elo;

/// <summary>One pairing to judge: the same prompt answered by two models, in the order the judge sees them.</summary>
/// <param name="Query">The prompt.</param>
/// <param name="ModelA">Model shown first.</param>
/// <param name="ModelB">Model shown second.</param>
/// <param name="ResponseA">The first-shown response.</param>
/// <param name="ResponseB">The second-shown response.</param>
public sealed record PairwiseComparison(string Query, string ModelA, string ModelB, string ResponseA, string ResponseB);

/// <summary>
/// Asks a pairwise judge for the winner of one comparison. Returns the winning model's name (<c>ModelA</c> or
/// <c>ModelB</c> of the comparison), or <c>null</c> when the judgement did not parse (the match is then skipped,
/// as in the paper).
/// </summary>
public delegate Task<string?> PairwiseJudge(PairwiseComparison comparison, CancellationToken cancellationToken);

/// <summary>
/// Plays an Elo tournament with a live judge, in the paper's order: each comparison is judged, logged and applied to
/// the ratings left by the previous one. The returned log replays to the same ratings with
/// <see cref="EloTournament.Replay"/>. Choosing the pairings (which models, which prompt, which order) is the
/// caller's job, so a seeded caller gets a reproducible tournament.
/// </summary>
public static class PairwiseTournament
{
    /// <summary>Judges <paramref name="comparisons"/> one after another and rates the models.</summary>
    /// <param name="comparisons">The pairings, in judging order.</param>
    /// <param name="judge">The pairwise judge.</param>
    /// <param name="models">Model order of the result; <c>null</c> for ordinal order of the names seen.</param>
    /// <param name="k">The K factor (the paper's 4).</param>
    /// <param name="cancellationToken">Cancels between and during judgements.</param>
    public static async Task<(EloRatings Ratings, IReadOnlyList<EloMatch> Log)> PlayAsync(
        IEnumerable<PairwiseComparison> comparisons,
        PairwiseJudge judge,
        IReadOnlyList<string>? models = null,
        double k = EloRule.KFactor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(judge);
        var log = new List<EloMatch>();
        foreach (var comparison in comparisons)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var winner = await judge(comparison, cancellationToken).ConfigureAwait(false);
            if (winner != comparison.ModelA && winner != comparison.ModelB)
            {
                winner = null;
            }

            log.Add(new EloMatch(comparison.ModelA, comparison.ModelB, winner, comparison.Query, comparison.ResponseA, comparison.ResponseB));
        }

        return (EloTournament.Replay(log, models, k), log);
    }
}
