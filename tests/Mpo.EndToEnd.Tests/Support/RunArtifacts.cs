using System.Security.Cryptography;
using System.Text.Json;
using Mpo.Core.Pipeline;
using Mpo.Storage;

namespace Mpo.EndToEnd.Tests.Support;

/// <summary>What a finished run left in storage that the comparisons need, read straight from the blobs.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Step">The final checkpoint's step (from <c>mpo status</c>).</param>
/// <param name="Sha256">The final checkpoint's manifest SHA-256 (from <c>mpo status</c>).</param>
/// <param name="CompletedUpdates">The final checkpoint's <c>trainer_state.json</c> <c>completed_updates</c> (optimizer steps taken).</param>
/// <param name="MetricsSteps">The <c>step</c> of every metrics line, in listing order.</param>
/// <param name="RubricVersions">Each rubric version blob's name and SHA-256 of its bytes.</param>
/// <param name="Status">The final <c>mpo status --json</c>.</param>
public sealed record RunOutcome(
    string RunId, int Step, string Sha256, int CompletedUpdates, IReadOnlyList<int> MetricsSteps,
    IReadOnlyList<string> RubricVersions, JsonElement Status);

/// <summary>Reads and damages run artifacts in the run container (<c>mpo</c>) with the storage client the product uses.</summary>
public sealed class RunArtifacts(string connectionString)
{
    private readonly BlobArtifactStore _blobs = BlobArtifactStore.Create(StorageConnection.FromConnectionString(connectionString));

    /// <summary>The outcome of a completed run whose final status is <paramref name="status"/>.</summary>
    public async Task<RunOutcome> OutcomeAsync(string runId, JsonElement status)
    {
        var checkpoint = status.GetProperty("checkpoint");
        int step = checkpoint.GetProperty("step").GetInt32();
        var state = await JsonAsync(BlobLayout.Checkpoint(runId, step) + "trainer_state.json");
        var metrics = new List<int>();
        foreach (var path in await ListAsync(BlobLayout.MetricsPrefix(runId)))
        {
            metrics.Add((await JsonAsync(path)).GetProperty("step").GetInt32());
        }

        var rubrics = new List<string>();
        foreach (var path in await ListAsync(BlobLayout.Rubrics(runId)))
        {
            var bytes = (await _blobs.GetAsync(path)).ToArray();
            rubrics.Add($"{path[BlobLayout.Rubrics(runId).Length..]} {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        }

        return new RunOutcome(
            runId, step, checkpoint.GetProperty("sha256").GetString()!, state.GetProperty("completed_updates").GetInt32(),
            metrics, rubrics, status);
    }

    /// <summary>Blob paths under <paramref name="prefix"/>, sorted.</summary>
    public async Task<List<string>> ListAsync(string prefix)
    {
        var paths = new List<string>();
        await foreach (var blob in _blobs.ListAsync(prefix))
        {
            paths.Add(blob.Path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    /// <summary>Whether a blob exists.</summary>
    public Task<bool> ExistsAsync(string path) => _blobs.ExistsAsync(path);

    /// <summary>A JSON blob.</summary>
    public async Task<JsonElement> JsonAsync(string path)
    {
        using var document = JsonDocument.Parse((await _blobs.GetAsync(path)).ToMemory());
        return document.RootElement.Clone();
    }

    /// <summary>The highest step that has a checkpoint manifest (committed) or a staging record (files uploaded, commit pending).</summary>
    public async Task<(int Step, bool Committed)> NewestCheckpointAsync(string runId)
    {
        var committed = (await ListAsync(BlobLayout.Checkpoints(runId)))
            .Where(p => p.EndsWith("/manifest.json", StringComparison.Ordinal))
            .Select(p => int.Parse(p.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Max();
        var staged = (await ListAsync($"runs/{runId}/staging/"))
            .Select(p => int.Parse(Path.GetFileNameWithoutExtension(p), System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Max();
        return staged > committed ? (staged, false) : (committed, true);
    }

    /// <summary>Flips bytes in the middle of a blob, keeping its size (so only a hash check can notice).</summary>
    public async Task CorruptAsync(string path)
    {
        var bytes = (await _blobs.GetAsync(path)).ToArray();
        for (int i = bytes.Length / 2; i < Math.Min(bytes.Length, bytes.Length / 2 + 64); i++)
        {
            bytes[i] ^= 0x5A;
        }

        await _blobs.PutAsync(path, new BinaryData(bytes));
    }
}
