namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// One judged match of a tournament log (one element of the paper's <c>*.details.json</c>).
/// </summary>
/// <param name="ModelA">Model whose response was shown first.</param>
/// <param name="ModelB">Model whose response was shown second.</param>
/// <param name="Winner">The winning model, or <c>null</c> when the judgement did not parse (the match is skipped).</param>
/// <param name="Query">The prompt both models answered, when the log keeps it.</param>
/// <param name="ModelAResponse">The first-shown response, when the log keeps it.</param>
/// <param name="ModelBResponse">The second-shown response, when the log keeps it.</param>
public sealed record EloMatch(
    string ModelA,
    string ModelB,
    string? Winner,
    string? Query = null,
    string? ModelAResponse = null,
    string? ModelBResponse = null)
{
    /// <summary>Whether the match has a usable outcome: a winner that is one of the two contestants.</summary>
    public bool IsDecided => Winner is not null && (Winner == ModelA || Winner == ModelB);
}
