using Mpo.Core.Pipeline;

namespace Mpo.Pipeline.Services;

/// <summary><c>LatestCheckpoint</c>: the run's newest committed checkpoint (by its manifest; files are verified when read), or null.</summary>
public sealed class LatestCheckpointService(PipelineStore store)
{
    /// <summary>The newest committed checkpoint of <paramref name="runId"/>, or null before the run is created.</summary>
    public async Task<CheckpointRef?> LatestAsync(string runId, CancellationToken ct = default)
    {
        var sets = await store.Sets.ListCommittedAsync(BlobLayout.Checkpoints(runId), ct).ConfigureAwait(false);
        for (int i = sets.Count - 1; i >= 0; i--)
        {
            // A set can vanish between listing and reading (retention); take the next older one.
            if (await store.Sets.GetManifestRefAsync(sets[i], ct).ConfigureAwait(false) is { } manifest)
            {
                return new CheckpointRef(CheckpointMetadata.StepOf(sets[i]), manifest.Path, manifest.Sha256);
            }
        }

        return null;
    }
}
