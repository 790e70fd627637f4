using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Records;
using Mpo.Storage;
using Mpo.Storage.Sets;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>CommitCheckpoint</c>: writes the manifest of the staged checkpoint last, write-once, in the artifact-set format
/// of <see cref="ArtifactSetStore"/> (canonical bytes: equal training state gives an equal SHA-256), then applies
/// retention. Idempotent: an identical manifest already there is returned as it is.
/// </summary>
/// <remarks>
/// The staged files were uploaded by <c>UpdatePolicy</c>, which recorded their hashes; the commit checks that each is
/// present at its size and writes the manifest from that record, so it never downloads or re-uploads the weights.
/// A file that was altered after staging is caught when the checkpoint is read (every read verifies every file).
/// </remarks>
public sealed class CheckpointCommitService(RunContexts runs, PipelineStore store)
{
    /// <summary>Commits the staged checkpoint <c>Update.Step + 1</c> and applies retention.</summary>
    public async Task<CheckpointRef> CommitAsync(CommitCheckpointInput input, CancellationToken ct = default)
    {
        int step = input.Update.Step + 1;
        var setPath = ArtifactSetPaths.NormalizeSetPath(BlobLayout.Checkpoint(input.RunId, step));
        var manifestPath = ArtifactSetPaths.ManifestPath(setPath);
        var staged = await store.ReadJsonAsync<StagingRecord>(BlobLayout.Staging(input.RunId, step), ct).ConfigureAwait(false);
        var manifest = new ArtifactManifest(
            staged.Files.Select(f => new ArtifactManifestEntry(f.Path, f.Sha256, f.Size)),
            new CheckpointMetadata(step, input.RubricVersion, input.DataCursor).ToElement());
        var bytes = manifest.ToCanonicalJson();
        var sha = Hashes.Sha256(bytes);

        if (await store.Sets.GetManifestRefAsync(setPath, ct).ConfigureAwait(false) is { } existing)
        {
            return existing.Sha256 == sha
                ? new CheckpointRef(step, manifestPath, sha)
                : throw new ArtifactConflictException(
                    $"Checkpoint '{setPath}' is already committed with manifest sha256 {existing.Sha256}, not {sha}; committed checkpoints are never overwritten.",
                    manifestPath, existing.Sha256, sha);
        }

        await CheckStagedFilesAsync(setPath, staged, ct).ConfigureAwait(false);
        await store.Blobs.CreateAsync(manifestPath, new BinaryData(bytes), ct).ConfigureAwait(false);
        var run = await runs.GetAsync(input.RunId, ct).ConfigureAwait(false);
        await Retention.ApplyAsync(store, input.RunId, step, run.Config.Retention, ct).ConfigureAwait(false);
        return new CheckpointRef(step, manifestPath, sha);
    }

    private async Task CheckStagedFilesAsync(string setPath, StagingRecord staged, CancellationToken ct)
    {
        var prefix = setPath + "/";
        var present = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var blob in store.Blobs.ListAsync(prefix, ct).ConfigureAwait(false))
        {
            present[blob.Path[prefix.Length..]] = blob.Size;
        }

        var bad = staged.Files.Where(f => !present.TryGetValue(f.Path, out var size) || size != f.Size).Select(f => f.Path).ToList();
        if (bad.Count > 0)
        {
            throw new InvalidDataException($"Checkpoint '{setPath}': staged file(s) {string.Join(", ", bad)} are missing or have another size; the update must run again.");
        }
    }
}
