using System.Diagnostics;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Data;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Records;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>GenerateRollouts</c>: samples the shard's prompts (a contiguous slice of the step's prompts, taken at the
/// data cursor) from the checkpoint's policy, <c>num_generations</c> samples each for GRPO/RLOO, and writes them as
/// JSON lines to <see cref="BlobLayout.Rollouts"/>. Idempotent: a committed shard is returned as it is, and the
/// sampling seed comes from (run seed, step, shard), so a re-run writes the same bytes.
/// </summary>
public sealed class RolloutService(RunContexts runs, PipelineStore store, PolicyCache policies)
{
    /// <summary>Generates (or returns) one rollout shard.</summary>
    public async Task<ShardOutput> GenerateAsync(RolloutShardInput input, CancellationToken ct = default)
    {
        var run = await runs.GetAsync(input.RunId, ct).ConfigureAwait(false);
        var config = run.Config;
        var (offset, count) = config.ShardSlice(input.Shard, input.ShardCount);
        var path = BlobLayout.Rollouts(input.RunId, input.Step, input.Shard);
        int rows = count * config.SamplesPerPrompt();
        if (await store.ExistsAsync(path, ct).ConfigureAwait(false))
        {
            var existing = await store.RefOfAsync(path, ct).ConfigureAwait(false);
            return new ShardOutput(input.RunId, input.Step, input.Shard, path, existing.Sha256, rows, count);
        }

        var clock = Stopwatch.StartNew();
        var batch = Rows(run.Data, input, offset, count, config.SamplesPerPrompt());
        var seed = Seeds.For(config.Seed, "rollout", input.Step, input.Shard);
        var records = await policies.UseAsync(input.RunId, input.Checkpoint, config.Policy.Device, config.Threads,
            policy => RolloutSampler.Sample(policy, batch, config.Rl.ResponseLength, config.Rl.Temperature, greedy: false, seed, ct), ct).ConfigureAwait(false);
        var written = await store.CreateJsonLinesAsync(path, records, ct).ConfigureAwait(false);
        await store.PutJsonAsync(BlobLayout.Timing(input.RunId, input.Step, TaskNames.GenerateRollouts, input.Shard), new TimingRecord(clock.Elapsed.TotalMilliseconds), ct).ConfigureAwait(false);
        return new ShardOutput(input.RunId, input.Step, input.Shard, path, written.Sha256, records.Count, count);
    }

    private static List<(string Id, PromptExample Example)> Rows(RunData data, RolloutShardInput input, int offset, int count, int samples) =>
        Enumerable.Range(offset, count)
            .SelectMany(p => Enumerable.Range(0, samples).Select(g => ($"s{input.Step:D6}-p{p:D4}-g{g:D2}", data.TrainAt(input.DataCursor + p))))
            .ToList();
}
