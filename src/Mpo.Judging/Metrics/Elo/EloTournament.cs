namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// Replays a match log in order from the initial rating: each decided match updates the two contestants with
/// <see cref="EloRule.Update"/> from the ratings left by the previous match; undecided matches are skipped.
/// </summary>
public static class EloTournament
{
    /// <summary>Replays <paramref name="matches"/> in order.</summary>
    /// <param name="matches">The match log, in judging order.</param>
    /// <param name="models">
    /// Model order of the result (the paper keeps the script's declaration order). When <c>null</c>, every model in the
    /// log, sorted ordinally. Models in the log but not listed are appended in first-seen order.
    /// </param>
    /// <param name="k">The K factor (the paper's 4).</param>
    /// <param name="initialRating">Starting rating of every model (the paper's 1000).</param>
    public static EloRatings Replay(
        IEnumerable<EloMatch> matches,
        IReadOnlyList<string>? models = null,
        double k = EloRule.KFactor,
        double initialRating = EloRule.InitialRating)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var log = matches.ToList();
        var order = models?.ToList()
            ?? log.SelectMany(m => new[] { m.ModelA, m.ModelB }).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var name in log.SelectMany(m => new[] { m.ModelA, m.ModelB }))
        {
            if (!order.Contains(name))
            {
                order.Add(name);
            }
        }

        var ratings = order.ToDictionary(m => m, _ => initialRating, StringComparer.Ordinal);
        int applied = 0, skipped = 0;
        foreach (var match in log)
        {
            if (!match.IsDecided || match.ModelA == match.ModelB)
            {
                skipped++;
                continue;
            }

            (ratings[match.ModelA], ratings[match.ModelB]) =
                EloRule.Update(ratings[match.ModelA], ratings[match.ModelB], match.Winner == match.ModelA, k);
            applied++;
        }

        return new EloRatings(order.Select(m => KeyValuePair.Create(m, ratings[m])).ToList(), applied, skipped);
    }
}
