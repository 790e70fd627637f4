using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;

namespace Mpo.Pipeline.Services;

/// <summary>
/// Checkpoint retention: keeps the last <c>keep_last</c> committed steps, every <c>keep_every</c>-th step, step 0
/// (the initial policy: the hacking baseline and a last resort for recovery), the step just committed and anything
/// newer; deletes the others (manifest first) with their staging records.
/// </summary>
public static class Retention
{
    /// <summary>The steps to keep among <paramref name="committed"/> after committing <paramref name="justCommitted"/>.</summary>
    public static ISet<int> Keep(IReadOnlyList<int> committed, int justCommitted, RetentionConfig retention)
    {
        var keep = new HashSet<int> { 0, justCommitted };
        keep.UnionWith(committed.Where(s => s > justCommitted));
        keep.UnionWith(committed.Where(s => s <= justCommitted).OrderDescending().Take(retention.KeepLast));
        if (retention.KeepEvery > 0)
        {
            keep.UnionWith(committed.Where(s => s % retention.KeepEvery == 0));
        }

        return keep;
    }

    /// <summary>Deletes the committed checkpoints of a run that retention does not keep; returns their steps.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(PipelineStore store, string runId, int justCommitted, RetentionConfig retention, CancellationToken ct)
    {
        var sets = await store.Sets.ListCommittedAsync(BlobLayout.Checkpoints(runId), ct).ConfigureAwait(false);
        var steps = sets.Select(CheckpointMetadata.StepOf).ToList();
        var keep = Keep(steps, justCommitted, retention);
        var deleted = new List<int>();
        foreach (var step in steps.Where(s => !keep.Contains(s)))
        {
            await store.Sets.DeleteAsync(BlobLayout.Checkpoint(runId, step), ct).ConfigureAwait(false);
            await store.Blobs.DeleteAsync(BlobLayout.Staging(runId, step), ct).ConfigureAwait(false);
            deleted.Add(step);
        }

        return deleted;
    }
}
