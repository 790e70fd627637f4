using System.Diagnostics;
using Mpo.Core.Pipeline;
using Mpo.Judging.Abstractions;
using Mpo.Pipeline.Records;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>ScoreRollouts</c>: the run's reward model scores every rollout of a shard against the rubric version in
/// force and writes the scores, in rollout order, to <see cref="BlobLayout.Scores"/>. Unscorable responses keep a
/// null reward and their failure, and train with score 0 (as the paper's code). Idempotent by output address.
/// </summary>
public sealed class ScoringService(RunContexts runs, PipelineStore store, RubricStore rubrics, Judges judges)
{
    /// <summary>The flag added to a rollout without EOS (the truncation detector's signal).</summary>
    public const string TruncatedFlag = "truncated";

    /// <summary>Scores (or returns the scores of) one rollout shard.</summary>
    public async Task<ShardOutput> ScoreAsync(ScoreShardInput input, CancellationToken ct = default)
    {
        var rolloutShard = input.Rollouts;
        var path = BlobLayout.Scores(input.RunId, input.Step, rolloutShard.Shard);
        if (await store.ExistsAsync(path, ct).ConfigureAwait(false))
        {
            var existing = await store.RefOfAsync(path, ct).ConfigureAwait(false);
            return new ShardOutput(input.RunId, input.Step, rolloutShard.Shard, path, existing.Sha256, rolloutShard.Count, 0);
        }

        var clock = Stopwatch.StartNew();
        var run = await runs.GetAsync(input.RunId, ct).ConfigureAwait(false);
        var rollouts = await store.ReadJsonLinesAsync<RolloutRecord>(rolloutShard.BlobPath, rolloutShard.Sha256, ct).ConfigureAwait(false);
        var rubric = (await rubrics.ReadAsync(input.RunId, input.RubricVersion, ct).ConfigureAwait(false)).ToRubric();
        var rm = await judges.RewardModelAsync(run, ct).ConfigureAwait(false);
        var scores = await Task.WhenAll(rollouts.Select(r => rm.ScoreAsync(run.Data.Task, rubric, HackingBaselines.ToSample(r), ct))).ConfigureAwait(false);
        var records = rollouts.Zip(scores, ToRecord).ToList();
        var written = await store.CreateJsonLinesAsync(path, records, ct).ConfigureAwait(false);
        await store.PutJsonAsync(BlobLayout.Timing(input.RunId, input.Step, TaskNames.ScoreRollouts, rolloutShard.Shard), new TimingRecord(clock.Elapsed.TotalMilliseconds), ct).ConfigureAwait(false);
        return new ShardOutput(input.RunId, input.Step, rolloutShard.Shard, path, written.Sha256, records.Count, 0);
    }

    private static ScoreRecord ToRecord(RolloutRecord rollout, SampleScore score)
    {
        var flags = (score.Flags ?? []).ToList();
        if (!rollout.Eos)
        {
            flags.Add(TruncatedFlag);
        }

        double? reward = score.IsScored ? score.Reward : null;
        return new ScoreRecord(
            rollout.Id, reward, reward ?? 0.0, score.Failure, flags,
            score.Items.Select(i => new ItemScoreRecord(i.ItemId, i.Score, i.Failure)).ToList());
    }
}
