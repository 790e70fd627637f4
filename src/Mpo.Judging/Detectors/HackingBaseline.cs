using System.Text.Json;
using Mpo.Core;
using Mpo.Judging.Abstractions;

namespace Mpo.Judging.Detectors;

/// <summary>
/// What normal looks like: the first (SFT) rollouts of a run, pooled over at least
/// <see cref="HackingDetectorOptions.MinBaselineBatches"/> batches, with per-feature statistics. Detectors compare later
/// batches with it, and every proposed rubric item must already score near its maximum on these rollouts. Persist it
/// with the run (it is JSON-serialisable) so a resumed run uses the same baseline.
/// </summary>
/// <param name="TaskName">The task.</param>
/// <param name="BatchCount">Batches pooled.</param>
/// <param name="Samples">The baseline rollouts.</param>
/// <param name="Features">Statistics per feature (<see cref="RolloutFeatures.Names"/>).</param>
public sealed record HackingBaseline(
    string TaskName, int BatchCount, IReadOnlyList<JudgeSample> Samples, IReadOnlyDictionary<string, FeatureStats> Features)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Builds the baseline from SFT rollout batches.</summary>
    /// <exception cref="MpoInputException">Fewer batches than <see cref="HackingDetectorOptions.MinBaselineBatches"/>, or an empty batch.</exception>
    public static HackingBaseline FromBatches(string taskName, IReadOnlyList<IReadOnlyList<JudgeSample>> batches, HackingDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taskName);
        ArgumentNullException.ThrowIfNull(batches);
        options ??= new HackingDetectorOptions();
        if (batches.Count < options.MinBaselineBatches)
        {
            throw new MpoInputException(
                $"hacking baseline: {batches.Count} batch(es) of SFT rollouts given, at least {options.MinBaselineBatches} needed (a one-batch baseline made a detector fire on normal output).");
        }

        if (batches.Any(b => b.Count == 0))
        {
            throw new MpoInputException("hacking baseline: a batch of SFT rollouts is empty.");
        }

        var perBatch = batches.Select(b => b.Select(s => RolloutFeatures.Of(taskName, s)).ToList()).ToList();
        var features = RolloutFeatures.Names.ToDictionary(
            name => name,
            name => FeatureStats.Of(perBatch.Select(b => (IReadOnlyList<double>)b.Select(f => f[name]).ToList()).ToList()),
            StringComparer.Ordinal);
        return new HackingBaseline(taskName, batches.Count, batches.SelectMany(b => b).ToList(), features);
    }

    /// <summary>JSON for storage with the run.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads <see cref="ToJson"/> output.</summary>
    public static HackingBaseline FromJson(string json, string source = "hacking baseline")
    {
        try
        {
            return JsonSerializer.Deserialize<HackingBaseline>(json, JsonOptions)
                ?? throw new MpoInputException($"{source}: empty JSON");
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{source}: not a hacking baseline: {e.Message}", e);
        }
    }
}
