using System.Collections.Concurrent;
using System.Text;
using Mpo.Core.Pipeline;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Records;
using Mpo.Storage;

namespace Mpo.Pipeline.Services;

/// <summary>
/// The run's reward-hacking baseline for the embedded meta-reward model: rollouts of the initial policy (checkpoint
/// 0, always kept by retention) on the first training prompts, <see cref="HackingDetectorOptions.MinBaselineBatches"/>
/// batches of one step's size, seeded from the run seed. Written once (<see cref="BlobLayout.HackingBaseline"/>) so a
/// resumed run compares with the same one.
/// </summary>
public sealed class HackingBaselines(PipelineStore store, PolicyCache policies)
{
    private readonly ConcurrentDictionary<string, HackingBaseline> _cache = new(StringComparer.Ordinal);

    /// <summary>The run's baseline, made on first use.</summary>
    public async Task<HackingBaseline> GetAsync(RunContext run, CancellationToken ct)
    {
        if (_cache.TryGetValue(run.RunId, out var cached))
        {
            return cached;
        }

        var path = BlobLayout.HackingBaseline(run.RunId);
        HackingBaseline baseline;
        try
        {
            baseline = HackingBaseline.FromJson((await store.Blobs.GetAsync(path, ct).ConfigureAwait(false)).ToString(), path);
        }
        catch (ArtifactNotFoundException)
        {
            baseline = await CreateAsync(run, ct).ConfigureAwait(false);
            await store.Blobs.CreateAsync(path, new BinaryData(Encoding.UTF8.GetBytes(baseline.ToJson())), ct).ConfigureAwait(false);
        }

        _cache[run.RunId] = baseline;
        return baseline;
    }

    private async Task<HackingBaseline> CreateAsync(RunContext run, CancellationToken ct)
    {
        var config = run.Config;
        var setPath = BlobLayout.Checkpoint(run.RunId, 0);
        var manifest = await store.Sets.GetManifestRefAsync(setPath, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{run.RunId}': checkpoint 0 is missing; the hacking baseline is made from the initial policy.");
        var initial = new CheckpointRef(0, manifest.Path, manifest.Sha256);
        int prompts = config.DerivedPromptsPerStep(), samples = config.SamplesPerPrompt();
        var batches = new List<IReadOnlyList<JudgeSample>>();
        for (int b = 0; b < new HackingDetectorOptions().MinBaselineBatches; b++)
        {
            var rows = Enumerable.Range(0, prompts)
                .SelectMany(p => Enumerable.Range(0, samples).Select(g => ($"baseline-b{b}-p{p}-g{g}", run.Data.TrainAt(((long)b * prompts) + p))))
                .ToList();
            var seed = Seeds.For(config.Seed, "baseline", 0, b);
            var records = await policies.UseAsync(run.RunId, initial, config.Policy.Device, config.Threads,
                policy => RolloutSampler.Sample(policy, rows, config.Rl.ResponseLength, config.Rl.Temperature, greedy: false, seed, ct), ct).ConfigureAwait(false);
            batches.Add(records.Select(ToSample).ToList());
        }

        return HackingBaseline.FromBatches(run.Data.Task.Name, batches);
    }

    /// <summary>The judge's view of a rollout: prompt, response, and the fields with <c>finish</c> (stop or length).</summary>
    public static JudgeSample ToSample(RolloutRecord r)
    {
        var fields = new Dictionary<string, string>(r.Fields, StringComparer.Ordinal)
        {
            [SampleFields.Finish] = r.Eos ? SampleFields.FinishStop : SampleFields.FinishLength,
        };
        return new JudgeSample(r.Id, r.Prompt, r.Response, fields);
    }
}
