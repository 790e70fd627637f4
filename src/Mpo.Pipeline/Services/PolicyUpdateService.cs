using System.Diagnostics;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Records;
using Mpo.Storage.Sets;
using Mpo.Training;
using Mpo.Training.Checkpointing;
using Mpo.Training.Model;
using Mpo.Training.Rl;
using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>UpdatePolicy</c>: restores checkpoint s (policy, value model, AdamW state, generator, counters), runs one
/// update on the step's rollouts and scores, saves checkpoint s+1's files into <see cref="BlobLayout.Checkpoint"/>
/// (s+1) without a manifest, records them in <see cref="BlobLayout.Staging"/> (the commit turns that into the
/// manifest), and writes the step's metrics line once.
/// </summary>
/// <remarks>
/// Idempotent: when checkpoint s+1 is committed, or its staged files are all present as recorded, the call returns
/// without training. Otherwise it recomputes; restore is bit-exact and the seeds are fixed, so the files are the
/// same bytes. The metrics line is written only if absent, so a step never has two.
/// </remarks>
public sealed class PolicyUpdateService(RunContexts runs, PipelineStore store, LocalArtifacts local, PipelineOptions options)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs (or returns) the update from <c>input.From</c> to step <c>From.Step + 1</c>; the output's step is the update's (the checkpoint it started from), as the orchestrators carry it.</summary>
    public async Task<UpdatePolicyOutput> UpdateAsync(UpdatePolicyInput input, CancellationToken ct = default)
    {
        int next = input.From.Step + 1;
        var prefix = BlobLayout.Checkpoint(input.RunId, next);
        var output = new UpdatePolicyOutput(input.RunId, input.From.Step, prefix);
        if (await IsStagedOrCommittedAsync(input.RunId, next, ct).ConfigureAwait(false))
        {
            return output;
        }

        var clock = Stopwatch.StartNew();
        var run = await runs.GetAsync(input.RunId, ct).ConfigureAwait(false);
        var baseFolder = await local.BaseModelAsync(input.RunId, ct).ConfigureAwait(false);
        var fromFolder = await local.CheckpointAsync(input.From, ct).ConfigureAwait(false);
        var rollouts = new List<RolloutRecord>();
        var scores = new List<ScoreRecord>();
        foreach (var shard in input.Rollouts.OrderBy(s => s.Shard))
        {
            rollouts.AddRange(await store.ReadJsonLinesAsync<RolloutRecord>(shard.BlobPath, shard.Sha256, ct).ConfigureAwait(false));
        }

        foreach (var shard in input.Scores.OrderBy(s => s.Shard))
        {
            scores.AddRange(await store.ReadJsonLinesAsync<ScoreRecord>(shard.BlobPath, shard.Sha256, ct).ConfigureAwait(false));
        }

        var staging = Path.Combine(options.WorkDirectory, "staging", $"{input.RunId}-{next:D6}-{Guid.NewGuid():n}");
        UpdateStats stats;
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            TorchRuntime.Initialize(run.Config.Threads);
            using var models = PolicyModels.RestoreTrainer(baseFolder, fromFolder, ModelDevice.Resolve(run.Config.Policy.Device));
            var trainer = models.Trainer;
            if (trainer.CompletedUpdates != input.From.Step)
            {
                throw new InvalidDataException($"{input.From.ManifestPath}: the checkpoint holds {trainer.CompletedUpdates} updates, but its step is {input.From.Step}.");
            }

            using (var scope = NewDisposeScope())
            {
                var batch = RolloutBatchBuilder.Build(rollouts, scores, trainer.Tokens.PadTokenId, ModelDevice.Resolve(run.Config.Policy.Device));
                stats = trainer.Update(batch);
            }

            TrainerCheckpoint.Save(staging, trainer, new CheckpointContext(input.NextDataCursor, new Dictionary<string, Generator>(), new Dictionary<string, long> { ["run_seed"] = run.Config.Seed }), models.Lora);
        }
        finally
        {
            Gate.Release();
        }

        try
        {
            var staged = await store.Sets.StageAsync(prefix, CheckpointFiles.Of(staging), ct).ConfigureAwait(false);
            var files = staged.Select(f => new StagedFile(f.Path, f.Sha256, f.Size)).ToList();
            var durations = await DurationsAsync(input.RunId, input.From.Step, clock.Elapsed.TotalMilliseconds, ct).ConfigureAwait(false);
            var metricsPath = BlobLayout.Metrics(input.RunId, next);
            if (!await store.ExistsAsync(metricsPath, ct).ConfigureAwait(false))
            {
                await store.CreateJsonAsync(metricsPath, Metrics(next, input.RubricVersion, scores, stats, durations), ct).ConfigureAwait(false);
            }

            await store.CreateJsonAsync(BlobLayout.Staging(input.RunId, next), new StagingRecord(next, files), ct).ConfigureAwait(false);
            return output;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Whether checkpoint <paramref name="step"/> is committed, or staged with every recorded file present at its recorded size.</summary>
    private async Task<bool> IsStagedOrCommittedAsync(string runId, int step, CancellationToken ct)
    {
        if (await store.Sets.GetManifestRefAsync(BlobLayout.Checkpoint(runId, step), ct).ConfigureAwait(false) is not null)
        {
            return true;
        }

        var record = await store.TryReadJsonAsync<StagingRecord>(BlobLayout.Staging(runId, step), ct).ConfigureAwait(false);
        if (record is null)
        {
            return false;
        }

        var unstaged = await store.Sets.FindUnstagedAsync(BlobLayout.Checkpoint(runId, step), Entries(record), ct).ConfigureAwait(false);
        return unstaged.Count == 0;
    }

    /// <summary>The manifest entries of a staging record (the commit writes exactly these).</summary>
    internal static IEnumerable<ArtifactManifestEntry> Entries(StagingRecord record) =>
        record.Files.Select(f => new ArtifactManifestEntry(f.Path, f.Sha256, f.Size));

    private async Task<Dictionary<string, double>> DurationsAsync(string runId, int step, double updateMs, CancellationToken ct)
    {
        var durations = new Dictionary<string, double>(StringComparer.Ordinal) { [TaskNames.UpdatePolicy] = updateMs };
        foreach (var path in await store.ListAsync(BlobLayout.Timings(runId, step), ct).ConfigureAwait(false))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            var activity = name[..name.LastIndexOf('-')];
            var timing = await store.ReadJsonAsync<TimingRecord>(path, ct).ConfigureAwait(false);
            durations[activity] = durations.GetValueOrDefault(activity) + timing.Ms;
        }

        return durations;
    }

    private static MetricsLine Metrics(int step, int rubricVersion, IReadOnlyList<ScoreRecord> scores, UpdateStats s, IReadOnlyDictionary<string, double> durations)
    {
        var rewards = scores.Where(x => x.Reward is not null).Select(x => x.Reward!.Value).ToList();
        double mean = rewards.Count == 0 ? 0 : rewards.Average();
        double std = rewards.Count == 0 ? 0 : Math.Sqrt(rewards.Sum(r => (r - mean) * (r - mean)) / rewards.Count);
        var detectors = scores.SelectMany(x => x.Flags).GroupBy(f => f, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MetricsLine(
            step, rubricVersion, scores.Count, mean, std, scores.Count - rewards.Count, s.MeanKl, s.MeanNonScoreReward, s.PolicyLoss,
            s.ValueLoss, s.ApproxKl, s.Entropy, s.LearningRate, s.GradNorm, s.MeanResponseLength, s.EosCount, detectors,
            new SortedDictionary<string, double>(durations.ToDictionary(), StringComparer.Ordinal));
    }
}
