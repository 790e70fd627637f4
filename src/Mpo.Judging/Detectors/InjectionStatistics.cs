namespace Mpo.Judging.Detectors;

/// <summary>A snapshot of injection counts: how many responses were inspected and flagged, per pattern.</summary>
/// <param name="Inspected">Responses inspected.</param>
/// <param name="Flagged">Responses flagged.</param>
/// <param name="ByPattern">Flag count per pattern name (a response may match several).</param>
public sealed record InjectionStatsSnapshot(long Inspected, long Flagged, IReadOnlyDictionary<string, long> ByPattern)
{
    /// <summary>Share of inspected responses that were flagged (0 when none inspected).</summary>
    public double FlaggedShare => Inspected == 0 ? 0 : (double)Flagged / Inspected;
}

/// <summary>Thread-safe counters of injection verdicts, for the training metrics.</summary>
public sealed class InjectionStatistics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _byPattern = new(StringComparer.Ordinal);
    private long _inspected;
    private long _flagged;

    /// <summary>Counts one verdict.</summary>
    public void Record(InjectionVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        lock (_gate)
        {
            _inspected++;
            if (!verdict.Flagged)
            {
                return;
            }

            _flagged++;
            foreach (var pattern in verdict.Patterns)
            {
                _byPattern[pattern] = _byPattern.GetValueOrDefault(pattern) + 1;
            }
        }
    }

    /// <summary>The counts so far.</summary>
    public InjectionStatsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new InjectionStatsSnapshot(_inspected, _flagged, new Dictionary<string, long>(_byPattern, StringComparer.Ordinal));
        }
    }
}
