using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Judging.Rubrics;
using Mpo.Storage;

namespace Mpo.Cli.Runs;

/// <summary>
/// Reads a run's artifacts at the paths of <see cref="BlobLayout"/>: committed checkpoints, the metrics log,
/// evaluations and rubric versions. Read-only; a blob that does not parse is reported, never silently skipped.
/// </summary>
internal sealed class RunArtifacts(RunSession session, string runId)
{
    /// <summary>Problems met while reading (an unreadable metrics line or evaluation), for the status output.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The committed checkpoint at <paramref name="step"/>, or null when that step has no manifest.</summary>
    public async Task<CheckpointRef?> CommittedCheckpointAsync(int step, CancellationToken cancellationToken)
    {
        var manifest = await session.Sets.GetManifestRefAsync(BlobLayout.Checkpoint(runId, step), cancellationToken).ConfigureAwait(false);
        return manifest is null ? null : new CheckpointRef(step, manifest.Path, manifest.Sha256);
    }

    /// <summary>The committed checkpoint with the highest step, or null when the run has none.</summary>
    public async Task<CheckpointRef?> LatestCommittedCheckpointAsync(CancellationToken cancellationToken)
    {
        var latest = await session.Sets.FindLatestCommittedAsync(BlobLayout.Checkpoints(runId), cancellationToken).ConfigureAwait(false);
        return latest is null ? null : await CommittedCheckpointAsync(StepOf(latest), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The steps of all committed checkpoints (those retention kept), ascending.</summary>
    public async Task<IReadOnlyList<int>> CommittedStepsAsync(CancellationToken cancellationToken)
    {
        var sets = await session.Sets.ListCommittedAsync(BlobLayout.Checkpoints(runId), cancellationToken).ConfigureAwait(false);
        return sets.Select(StepOf).ToList();
    }

    /// <summary>The last metrics line (the highest step), or null when none was written.</summary>
    public async Task<JsonObject?> LatestMetricsAsync(CancellationToken cancellationToken)
    {
        var paths = await ListAsync(BlobLayout.MetricsPrefix(runId), cancellationToken).ConfigureAwait(false);
        return paths.Count == 0 ? null : await ReadObjectAsync(paths[^1], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every evaluation, in step order, each with its blob <c>path</c>; array fields (the per-response rows) are left
    /// out, since the blob at <c>path</c> holds them.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> EvaluationsAsync(CancellationToken cancellationToken)
    {
        var result = new List<JsonObject>();
        foreach (var path in await ListAsync(BlobLayout.Evaluations(runId), cancellationToken).ConfigureAwait(false))
        {
            if (await ReadObjectAsync(path, cancellationToken).ConfigureAwait(false) is not { } evaluation)
            {
                continue;
            }

            foreach (var name in evaluation.Where(p => p.Value is JsonArray).Select(p => p.Key).ToList())
            {
                evaluation.Remove(name);
            }

            evaluation["path"] = path;
            result.Add(evaluation);
        }

        return result;
    }

    /// <summary>Every incident record (a corrupted checkpoint set aside), in step order, each with its blob <c>path</c>.</summary>
    public async Task<IReadOnlyList<JsonObject>> IncidentsAsync(CancellationToken cancellationToken)
    {
        var result = new List<JsonObject>();
        foreach (var path in await ListAsync(BlobLayout.Incidents(runId), cancellationToken).ConfigureAwait(false))
        {
            if (await ReadObjectAsync(path, cancellationToken).ConfigureAwait(false) is { } incident)
            {
                incident["path"] = path;
                result.Add(incident);
            }
        }

        return result;
    }

    /// <summary>Every rubric version of the run, by version number.</summary>
    /// <exception cref="MpoInputException">A version record does not parse (names the blob).</exception>
    public async Task<IReadOnlyList<RubricVersion>> RubricVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new List<RubricVersion>();
        foreach (var path in await ListAsync(BlobLayout.Rubrics(runId), cancellationToken).ConfigureAwait(false))
        {
            var bytes = await session.Blobs.GetAsync(path, cancellationToken).ConfigureAwait(false);
            versions.Add(RubricVersion.FromJson(bytes.ToString(), $"{session.Blobs.ContainerName}/{path}"));
        }

        return versions.OrderBy(v => v.Version).ToList();
    }

    private async Task<List<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        await foreach (var blob in session.Blobs.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            paths.Add(blob.Path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    private async Task<JsonObject?> ReadObjectAsync(string path, CancellationToken cancellationToken)
    {
        BinaryData bytes;
        try
        {
            bytes = await session.Blobs.GetAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactNotFoundException)
        {
            // Deleted between listing and reading (retention): not an error.
            return null;
        }

        try
        {
            if (JsonNode.Parse(bytes.ToMemory().Span) is JsonObject o)
            {
                return o;
            }

            Warnings.Add($"{session.Blobs.ContainerName}/{path}: not a JSON object");
        }
        catch (JsonException e)
        {
            Warnings.Add($"{session.Blobs.ContainerName}/{path}: not valid JSON ({e.Message})");
        }

        return null;
    }

    /// <summary>The step of a checkpoint folder <c>runs/{run}/checkpoints/000012</c>.</summary>
    private static int StepOf(string setPath) =>
        int.TryParse(setPath[(setPath.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : throw new MpoInputException($"Checkpoint folder '{setPath}' is not named by its step.");
}
