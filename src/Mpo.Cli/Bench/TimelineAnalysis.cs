namespace Mpo.Cli.Bench;

/// <summary>
/// One stage of a step as the orchestrator runs it: every shard of one activity kind (the rollouts of a step, their
/// scores, the update, a revision, the commit), from the first shard's start to the last shard's end.
/// </summary>
/// <param name="Activity">The activity kind.</param>
/// <param name="Start">The first shard's start.</param>
/// <param name="End">The last shard's end.</param>
internal sealed record ActivityStage(string Activity, DateTime Start, DateTime End);

/// <summary>Median and 90th percentile of the hops into one activity kind.</summary>
/// <param name="Activity">The activity the hop leads into.</param>
/// <param name="Count">Hops measured.</param>
/// <param name="MedianMs">Median gap, milliseconds.</param>
/// <param name="P90Ms">90th percentile gap, milliseconds.</param>
internal sealed record HopLatency(string Activity, int Count, double MedianMs, double P90Ms);

/// <summary>
/// Reads the activity spans of one orchestrated run: where the steps' time went. The stages of a step run strictly
/// one after another (the orchestrator awaits each), so the gap between a stage's last end and the next stage's first
/// start is a hop through the durable engine: the completion message, an orchestrator episode (history load and
/// replay), the next activity's message and its dequeue.
/// </summary>
internal static class TimelineAnalysis
{
    /// <summary>Groups <paramref name="spans"/> (any order) into consecutive stages of one activity kind.</summary>
    public static IReadOnlyList<ActivityStage> Stages(IEnumerable<ActivitySpan> spans)
    {
        var stages = new List<ActivityStage>();
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (stages.Count > 0 && stages[^1].Activity == span.Activity)
            {
                var last = stages[^1];
                stages[^1] = last with { End = span.End > last.End ? span.End : last.End };
            }
            else
            {
                stages.Add(new ActivityStage(span.Activity, span.Start, span.End));
            }
        }

        return stages;
    }

    /// <summary>Milliseconds in which at least one activity ran (the union of the spans: parallel shards count once).</summary>
    public static double BusyMs(IEnumerable<ActivitySpan> spans)
    {
        double busy = 0;
        DateTime? openStart = null;
        var openEnd = DateTime.MinValue;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (openStart is null || span.Start > openEnd)
            {
                if (openStart is { } s)
                {
                    busy += (openEnd - s).TotalMilliseconds;
                }

                openStart = span.Start;
                openEnd = span.End;
            }
            else if (span.End > openEnd)
            {
                openEnd = span.End;
            }
        }

        return openStart is { } start ? busy + (openEnd - start).TotalMilliseconds : busy;
    }

    /// <summary>The gaps between consecutive stages, in milliseconds, each labelled with the activity it leads into.</summary>
    public static IReadOnlyList<(string Activity, double Ms)> Hops(IReadOnlyList<ActivityStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var hops = new List<(string, double)>();
        for (var i = 1; i < stages.Count; i++)
        {
            hops.Add((stages[i].Activity, Math.Max(0, (stages[i].Start - stages[i - 1].End).TotalMilliseconds)));
        }

        return hops;
    }

    /// <summary>Median and p90 of the hops per activity kind, in <paramref name="order"/> (kinds absent from the run are left out).</summary>
    public static IReadOnlyList<HopLatency> HopsByActivity(IReadOnlyList<(string Activity, double Ms)> hops, IEnumerable<string> order)
    {
        ArgumentNullException.ThrowIfNull(hops);
        return [.. order
            .Select(kind => hops.Where(h => h.Activity == kind).Select(h => h.Ms).ToList())
            .Zip(order)
            .Where(pair => pair.First.Count > 0)
            .Select(pair => new HopLatency(pair.Second, pair.First.Count, Percentile(pair.First, 0.5), Percentile(pair.First, 0.9)))];
    }

    /// <summary>The <paramref name="q"/> quantile (0–1) by linear interpolation between order statistics; 0 for no values.</summary>
    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
