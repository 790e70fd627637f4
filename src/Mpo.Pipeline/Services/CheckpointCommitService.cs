using Mpo.Core.Pipeline;
using Mpo.Pipeline.Records;
using Mpo.Storage.Sets;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>CommitCheckpoint</c>: commits the staged checkpoint through <see cref="ArtifactSetStore.CommitStagedAsync"/> (the
/// manifest written last, write-once, canonical bytes: equal training state gives an equal SHA-256), then applies
/// retention. Idempotent: an identical manifest already there is returned as it is.
/// </summary>
/// <remarks>
/// The staged files were uploaded by <c>UpdatePolicy</c> (<see cref="ArtifactSetStore.StageAsync"/>), which recorded
/// their hashes; the commit checks that each is present at its size and writes the manifest from that record, so it never downloads or re-uploads the weights.
/// A file that was altered after staging is caught when the checkpoint is read (every read verifies every file).
/// </remarks>
public sealed class CheckpointCommitService(RunContexts runs, PipelineStore store)
{
    /// <summary>Commits the staged checkpoint <c>Update.Step + 1</c> and applies retention.</summary>
    public async Task<CheckpointRef> CommitAsync(CommitCheckpointInput input, CancellationToken ct = default)
    {
        int step = input.Update.Step + 1;
        var staged = await store.ReadJsonAsync<StagingRecord>(BlobLayout.Staging(input.RunId, step), ct).ConfigureAwait(false);
        var commit = await store.Sets.CommitStagedAsync(
            BlobLayout.Checkpoint(input.RunId, step),
            PolicyUpdateService.Entries(staged),
            new CheckpointMetadata(step, input.RubricVersion, input.DataCursor).ToElement(),
            ct).ConfigureAwait(false);
        if (commit.Created)
        {
            var run = await runs.GetAsync(input.RunId, ct).ConfigureAwait(false);
            await Retention.ApplyAsync(store, input.RunId, step, run.Config.Retention, ct).ConfigureAwait(false);
        }

        return new CheckpointRef(step, commit.ManifestRef.Path, commit.ManifestRef.Sha256);
    }
}
