using Mpo.Core.Pipeline;
using Mpo.Pipeline.Records;
using Mpo.Storage.Sets;

namespace Mpo.Pipeline.Services;

/// <summary>
/// Where a run resumes: the newest committed checkpoint whose files all verify. A corrupted newer checkpoint is
/// reported in an incident record (<see cref="BlobLayout.Incident"/>) and set aside (its manifest and files, staging
/// record and metrics line deleted), so the steps after the resume point run again; restore is bit-exact and every
/// seed is fixed, so they reproduce the same checkpoints, and the rollouts, scores and rubric revisions already
/// stored for them are reused as they are.
/// </summary>
public sealed class CheckpointRecovery(PipelineStore store)
{
    /// <summary>The state to resume <paramref name="runId"/> from, or null when the run has no committed checkpoint.</summary>
    public async Task<RunState?> ResumeStateAsync(string runId, int stepsPerEpoch, CancellationToken ct = default)
    {
        var sets = await store.Sets.ListCommittedAsync(BlobLayout.Checkpoints(runId), ct).ConfigureAwait(false);
        var corrupted = new List<(int Step, ArtifactSetCheck Check)>();
        for (int i = sets.Count - 1; i >= 0; i--)
        {
            var check = await store.Sets.CheckAsync(sets[i], ct).ConfigureAwait(false);
            int step = CheckpointMetadata.StepOf(sets[i]);
            if (check.State == ArtifactSetState.Committed)
            {
                await SetAsideAsync(runId, corrupted, step, ct).ConfigureAwait(false);
                var bytes = await store.Blobs.GetAsync(check.Manifest!.Path, ct).ConfigureAwait(false);
                var meta = CheckpointMetadata.From(ArtifactManifest.Parse(bytes.ToMemory().Span).Metadata);
                var checkpoint = new CheckpointRef(step, check.Manifest.Path, check.Manifest.Sha256);
                return new RunState(runId, step / stepsPerEpoch, step, checkpoint, meta.RubricVersion, meta.DataCursor);
            }

            if (check.State == ArtifactSetState.Corrupted)
            {
                corrupted.Add((step, check));
            }
        }

        await SetAsideAsync(runId, corrupted, null, ct).ConfigureAwait(false);
        return null;
    }

    private async Task SetAsideAsync(string runId, List<(int Step, ArtifactSetCheck Check)> corrupted, int? resumeStep, CancellationToken ct)
    {
        foreach (var (step, check) in corrupted)
        {
            var incident = new IncidentRecord(step, check.Manifest?.Sha256 ?? "", check.Problems.Select(p => p.ToString()).ToList(), resumeStep);
            await store.PutJsonAsync(BlobLayout.Incident(runId, step), incident, ct).ConfigureAwait(false);
            await store.Sets.DeleteAsync(BlobLayout.Checkpoint(runId, step), ct).ConfigureAwait(false);
            await store.Blobs.DeleteAsync(BlobLayout.Staging(runId, step), ct).ConfigureAwait(false);
            await store.Blobs.DeleteAsync(BlobLayout.Metrics(runId, step), ct).ConfigureAwait(false);
        }
    }
}
