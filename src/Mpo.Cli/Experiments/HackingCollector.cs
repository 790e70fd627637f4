using System.Text.Json;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Cli.Runs;
using Mpo.Judging.Embedded;
using Mpo.Pipeline.Records;
using Mpo.Reports.Hacking;

namespace Mpo.Cli.Experiments;

/// <summary>
/// Reads one finished run's series from its stored artifacts: the metrics log (one line per update), the oracle
/// evaluations and the rubric versions (whose maxima normalise the reward). Nothing is recomputed: the numbers are
/// the ones the pipeline wrote, so the experiment reports exactly what the durable runs did.
/// </summary>
internal static class HackingCollector
{
    /// <summary>The series of <paramref name="run"/>.</summary>
    /// <exception cref="MpoInputException">A stored record does not parse (names the blob).</exception>
    public static async Task<ArmRun> CollectAsync(RunSession session, PlannedRun run, string state, CancellationToken cancellationToken)
    {
        var versions = await new RunArtifacts(session, run.RunId).RubricVersionsAsync(cancellationToken).ConfigureAwait(false);
        var maxima = versions.ToDictionary(v => v.Version, v => RubricScale.Of(v.ToRubric($"rubric v{v.Version} of {run.RunId}")).Maximum);
        var training = new List<TrainingPoint>();
        foreach (var path in await ListAsync(session, BlobLayout.MetricsPrefix(run.RunId), cancellationToken).ConfigureAwait(false))
        {
            var line = await ReadAsync<MetricsLine>(session, path, cancellationToken).ConfigureAwait(false);
            var maximum = maxima.TryGetValue(line.RubricVersion, out var m)
                ? m
                : throw new MpoInputException($"{session.Blobs.ContainerName}/{path}: rubric version {line.RubricVersion} is not stored with run '{run.RunId}'.");
            training.Add(new TrainingPoint(
                line.Step, line.RubricVersion, line.RewardMean, maximum, line.ResponseLengthMean,
                line.Rollouts == 0 ? 0 : (double)line.EosCount / line.Rollouts, line.Detectors));
        }

        var oracle = new SortedDictionary<int, OraclePoint>();
        foreach (var path in await ListAsync(session, BlobLayout.Evaluations(run.RunId), cancellationToken).ConfigureAwait(false))
        {
            var record = await ReadAsync<EvaluationRecord>(session, path, cancellationToken).ConfigureAwait(false);
            if (oracle.ContainsKey(record.Step))
            {
                continue; // the same checkpoint evaluated again (greedy, so the same value)
            }

            var words = record.Responses.Count == 0 ? 0 : record.Responses.Average(r => r.Response.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
            oracle[record.Step] = new OraclePoint(
                record.Step, record.Value, record.Values.GetValueOrDefault("content"), record.Values.GetValueOrDefault("form"), words);
        }

        return new ArmRun(
            run.Arm, run.Seed, run.RunId, state,
            training.OrderBy(t => t.Step).ToList(),
            oracle.Values.ToList(),
            versions.Select(v => new RubricPoint(v.Version, v.Step, v.ItemIds)).ToList());
    }

    private static async Task<List<string>> ListAsync(RunSession session, string prefix, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        await foreach (var blob in session.Blobs.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            paths.Add(blob.Path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    private static async Task<T> ReadAsync<T>(RunSession session, string path, CancellationToken cancellationToken)
    {
        var bytes = await session.Blobs.GetAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes.ToMemory().Span)
                ?? throw new MpoInputException($"{session.Blobs.ContainerName}/{path}: empty record.");
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{session.Blobs.ContainerName}/{path}: not a valid {typeof(T).Name} ({e.Message}).", e);
        }
    }
}
