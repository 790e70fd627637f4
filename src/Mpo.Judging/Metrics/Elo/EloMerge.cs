using Mpo.Core;

namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// The merged result of several tournament runs, as the paper's <c>*-merged.scores.json</c>:
/// <c>{"mean elo": {...}, "mean stds": {...}}</c>.
/// </summary>
/// <param name="MeanElo">Per model, the arithmetic mean of its final ratings over the runs.</param>
/// <param name="MeanStds">Per model, the population standard deviation (divide by the run count) over the runs.</param>
public sealed record EloSummary(
    IReadOnlyList<KeyValuePair<string, double>> MeanElo,
    IReadOnlyList<KeyValuePair<string, double>> MeanStds);

/// <summary>One run's final ratings and where they came from (for error messages).</summary>
/// <param name="Source">File name or other origin.</param>
/// <param name="Ratings">Model → rating, in file order.</param>
public sealed record EloRun(string Source, IReadOnlyList<KeyValuePair<string, double>> Ratings);

/// <summary>Merges runs: model keys from the first run, mean and population standard deviation per model.</summary>
public static class EloMerge
{
    /// <summary>Merges <paramref name="runs"/>. A model of the first run missing from a later run is an input error.</summary>
    public static EloSummary Merge(IReadOnlyList<EloRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new MpoInputException("elo merge: at least one run is required.");
        }

        var means = new List<KeyValuePair<string, double>>();
        var stds = new List<KeyValuePair<string, double>>();
        foreach (var (model, _) in runs[0].Ratings)
        {
            var values = runs.Select(run => RatingOf(run, model)).ToArray();
            means.Add(KeyValuePair.Create(model, NumpyStatistics.Mean(values)));
            stds.Add(KeyValuePair.Create(model, NumpyStatistics.PopulationStd(values)));
        }

        return new EloSummary(means, stds);
    }

    private static double RatingOf(EloRun run, string model)
    {
        foreach (var (name, rating) in run.Ratings)
        {
            if (name == model)
            {
                return rating;
            }
        }

        throw new MpoInputException($"{run.Source}: field \"{model}\": missing; every run must rate the models of the first run.");
    }
}
