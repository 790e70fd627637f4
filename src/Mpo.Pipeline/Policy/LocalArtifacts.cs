using System.Collections.Concurrent;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Storage.Sets;
using Mpo.Training.Checkpointing;

namespace Mpo.Pipeline.Policy;

/// <summary>
/// A worker's local copies of immutable artifact sets, keyed by manifest SHA-256: the run's base model folder and
/// recent checkpoints. Every download is verified file by file; a checkpoint that fails is reported as
/// <see cref="CheckpointCorruptedException"/>.
/// </summary>
public sealed class LocalArtifacts(PipelineStore store, PipelineOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The local folder of the run's base model.</summary>
    public async Task<string> BaseModelAsync(string runId, CancellationToken ct)
    {
        var manifest = await store.Sets.GetManifestRefAsync(BlobLayout.BaseModel(runId), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runId}' has no base model ({BlobLayout.BaseModel(runId)}); was it created?");
        var folder = Path.Combine(options.WorkDirectory, "models", manifest.Sha256);
        await DownloadOnceAsync(manifest, folder, ct).ConfigureAwait(false);
        return folder;
    }

    /// <summary>The local folder of a committed checkpoint, with the trainer's own manifest written so <see cref="TrainerCheckpoint.Restore"/> verifies it.</summary>
    /// <exception cref="CheckpointCorruptedException">The checkpoint is missing a file or a file differs from its manifest.</exception>
    public async Task<string> CheckpointAsync(CheckpointRef checkpoint, CancellationToken ct)
    {
        var folder = Path.Combine(options.WorkDirectory, "checkpoints", checkpoint.ManifestSha256);
        try
        {
            await DownloadOnceAsync(new ArtifactRef(checkpoint.ManifestPath, checkpoint.ManifestSha256), folder, ct).ConfigureAwait(false);
        }
        catch (ArtifactSetCorruptedException e)
        {
            throw new CheckpointCorruptedException(checkpoint, e.Problems.Select(p => p.ToString()).ToList(), e);
        }
        catch (ArtifactSetNotCommittedException e)
        {
            throw new CheckpointCorruptedException(checkpoint, ["the manifest is gone (deleted by retention or recovery)"], e);
        }

        if (!CheckpointManifest.IsCommitted(folder))
        {
            CheckpointManifest.Commit(folder, checkpoint.Step);
        }

        Evict(Path.Combine(options.WorkDirectory, "checkpoints"), options.LocalCheckpoints);
        return folder;
    }

    private async Task DownloadOnceAsync(ArtifactRef manifest, string folder, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(folder, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow);
                return;
            }

            await store.Sets.DownloadToFolderAsync(manifest, folder, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Evict(string parent, int keep)
    {
        var stale = new DirectoryInfo(parent).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.'))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(keep);
        foreach (var dir in stale)
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // In use by a concurrent activity: the next eviction takes it.
            }
        }
    }
}
