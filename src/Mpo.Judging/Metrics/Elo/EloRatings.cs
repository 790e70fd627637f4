namespace Mpo.Judging.Metrics.Elo;

/// <summary>The outcome of a replayed or played tournament.</summary>
/// <param name="Ratings">Final rating per model, in the tournament's model order.</param>
/// <param name="Applied">Matches that changed the ratings.</param>
/// <param name="Skipped">Matches without a usable winner (left the ratings unchanged, as the paper's "missed" matches).</param>
public sealed record EloRatings(IReadOnlyList<KeyValuePair<string, double>> Ratings, int Applied, int Skipped);
