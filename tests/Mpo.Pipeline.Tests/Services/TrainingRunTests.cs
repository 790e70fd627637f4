using Mpo.Core.Pipeline;
using Mpo.Judging.Rubrics;
using Mpo.Pipeline.Records;
using Mpo.Pipeline.Services;
using Mpo.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mpo.Pipeline.Tests.Services;

[Collection(PipelineCollection.Name)]
public sealed class TrainingRunTests(PipelineFixture fixture)
{
    [Fact(Timeout = 120_000)]
    public async Task RunAsync_ThreeSteps_RevisesCommitsRetainsAndEvaluates()
    {
        await using var run = await RunHarness.CreateAsync(fixture, fixture.Config(epochs: 1, stepsPerEpoch: 3));

        var final = await run.Loop.RunAsync(run.Plan, run.Initial);

        // Three updates, each committed; retention keep_last 1 leaves step 0 and the newest.
        Assert.Equal((3, 1, 12L), (final.Step, final.Epoch, final.DataCursor));
        var committed = await run.Store.Sets.ListCommittedAsync(BlobLayout.Checkpoints(run.RunId));
        Assert.Equal([BlobLayout.Checkpoint(run.RunId, 0).TrimEnd('/'), BlobLayout.Checkpoint(run.RunId, 3).TrimEnd('/')], committed);
        Assert.Equal(final.Checkpoint.ManifestSha256, (await run.Store.Sets.GetManifestRefAsync(BlobLayout.Checkpoint(run.RunId, 3)))!.Sha256);

        // The revision after update 2 read both steps' rollouts and left a record; lineage holds for a new version.
        var revision = await run.Store.ReadJsonAsync<RevisionRecord>(BlobLayout.Revision(run.RunId, 2), default);
        Assert.Equal((2, 0, 0, 8), (revision.Step, revision.FromStep, revision.ParentVersion, revision.SamplesAvailable));
        Assert.Equal("mrm(embedded)", revision.Author);
        Assert.Equal(revision.RubricVersion, final.RubricVersion);
        Assert.Equal(revision.Revised, revision.Failure is null);
        if (revision.Revised)
        {
            var v1 = await run.Services.GetRequiredService<RubricStore>().ReadAsync(run.RunId, 1, default);
            Assert.Equal((0, 2), (v1.ParentVersion, v1.Step));
        }

        // One metrics line per update, with the step's reward statistics and durations.
        for (int step = 1; step <= 3; step++)
        {
            var metrics = await run.Store.ReadJsonAsync<MetricsLine>(BlobLayout.Metrics(run.RunId, step), default);
            Assert.Equal((step, 4), (metrics.Step, metrics.Rollouts));
            Assert.True(metrics.RewardMean is >= 0 and <= 5);
            Assert.Contains(TaskNames.GenerateRollouts, metrics.DurationsMs.Keys);
            Assert.Contains(TaskNames.UpdatePolicy, metrics.DurationsMs.Keys);
        }

        // Rollouts and scores per step and shard; the hacking baseline of the embedded MRM.
        var blobs = (await run.BlobsAsync()).Select(b => b.Path).ToHashSet();
        for (int step = 0; step < 3; step++)
        {
            for (int shard = 0; shard < 2; shard++)
            {
                Assert.Contains(BlobLayout.Rollouts(run.RunId, step, shard), blobs);
                Assert.Contains(BlobLayout.Scores(run.RunId, step, shard), blobs);
            }
        }

        Assert.Contains(BlobLayout.HackingBaseline(run.RunId), blobs);

        // The epoch's evaluation: the oracle on the first 6 test prompts, written to its blob.
        var evaluation = Assert.Single(run.Loop.Evaluations);
        Assert.Equal(("mini_qa_oracle", 3, "epoch"), (evaluation.Metric, evaluation.Step, evaluation.Reason));
        var record = await run.Store.ReadJsonAsync<EvaluationRecord>(BlobLayout.Evaluation(run.RunId, 3, "epoch"), default);
        Assert.Equal((6, final.Checkpoint.ManifestSha256), (record.Count, record.CheckpointSha256));
        Assert.Equal(record.Value, evaluation.Value);
        Assert.InRange(record.Value, 0, 1);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunAsync_SameConfigTwiceOnOtherWorkers_IdenticalFinalManifest()
    {
        var config = fixture.Config(epochs: 1, stepsPerEpoch: 2) with { Evaluation = new Mpo.Pipeline.Config.EvaluationConfig { EveryEpochs = 0 } };
        await using var first = await RunHarness.CreateAsync(fixture, config, "det-a");
        await using var second = await RunHarness.CreateAsync(fixture, config, "det-b");

        var a = await first.Loop.RunAsync(first.Plan, first.Initial);
        var b = await second.Loop.RunAsync(second.Plan, second.Initial);

        Assert.Equal(first.Initial.Checkpoint.ManifestSha256, second.Initial.Checkpoint.ManifestSha256);
        Assert.Equal(2, a.Step);
        Assert.Equal(a.Checkpoint.ManifestSha256, b.Checkpoint.ManifestSha256);
        Assert.Equal(a.RubricVersion, b.RubricVersion);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunAsync_TinyTemplateWithTaskRubric_CompletesAllStepsRevisionAndEvaluation()
    {
        // The tiny template as `mpo init --tiny` writes it, on the test policy: the task's own (unchecked) rubric is skipped by the embedded RM.
        var config = Mpo.Pipeline.Config.RunConfigTemplates.Tiny() with { Policy = new Mpo.Pipeline.Config.PolicyConfig { Model = fixture.PolicyFolder } };
        await using var run = await RunHarness.CreateAsync(fixture, config, "tiny");

        var final = await run.Loop.RunAsync(run.Plan, run.Initial);

        Assert.Equal(4, final.Step);
        var metrics = await run.Store.ReadJsonAsync<MetricsLine>(BlobLayout.Metrics(run.RunId, 4), default);
        Assert.Equal(4, metrics.Rollouts);
        Assert.True(double.IsFinite(metrics.RewardMean) && metrics.Unscorable is >= 0 and <= 4);
        Assert.Single(run.Loop.Evaluations);
        Assert.True(await run.Store.ExistsAsync(BlobLayout.Revision(run.RunId, 4), default));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunAsync_GrpoWithLora_StagesAdaptersAndNoValueModel()
    {
        var config = fixture.Config(epochs: 1, stepsPerEpoch: 2) with
        {
            Rl = new Mpo.Training.Rl.RlOptions { Algorithm = Mpo.Training.Rl.RlAlgorithm.Grpo, NumGenerations = 2, NumPpoEpochs = 1, ResponseLength = 6, PerDeviceTrainBatchSize = 4, LocalRolloutForwardBatchSize = 4, LearningRate = 1e-3 },
            Lora = new Mpo.Training.Lora.LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 },
            Evaluation = new Mpo.Pipeline.Config.EvaluationConfig { EveryEpochs = 0 },
        };
        await using var run = await RunHarness.CreateAsync(fixture, config, "grpo");

        var final = await run.Loop.RunAsync(run.Plan, run.Initial);

        // 2 prompts per step (batch 4 / 2 generations), one per shard, two samples each, grouped.
        Assert.Equal((2, 4L), (final.Step, final.DataCursor));
        var shard = await run.Store.ReadJsonLinesAsync<RolloutRecord>(BlobLayout.Rollouts(run.RunId, 1, 1), null, default);
        Assert.Equal(["s000001-p0001-g00", "s000001-p0001-g01"], shard.Select(r => r.Id));
        Assert.Equal(shard[0].Prompt, shard[1].Prompt);
        var files = (await run.BlobsAsync()).Select(b => b.Path).Where(p => p.StartsWith(BlobLayout.Checkpoint(run.RunId, 2), StringComparison.Ordinal)).ToList();
        Assert.Contains(BlobLayout.Checkpoint(run.RunId, 2) + "policy/adapter_model.safetensors", files);
        Assert.DoesNotContain(files, f => f.Contains("/value/", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunAsync_MathTaskFromJsonl_PassesGoldToTheJudgeAndEvaluatesAccuracy()
    {
        var folder = Path.Combine(fixture.Root, $"math-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        var rows = Enumerable.Range(1, 4).Select(i => $$"""{"problem": "What is {{i}} + {{i}}?", "solution": "It is \\boxed{{{2 * i}}}.", "answer": "{{2 * i}}", "domain": "algebra"}""");
        await File.WriteAllLinesAsync(Path.Combine(folder, "train.jsonl"), rows);
        await File.WriteAllLinesAsync(Path.Combine(folder, "test.jsonl"), rows.Take(2));
        var config = fixture.Config(epochs: 1, stepsPerEpoch: 1) with
        {
            Task = new Mpo.Pipeline.Config.TaskConfig { Name = "math_reasoning", TrainFile = Path.Combine(folder, "train.jsonl"), TestFile = Path.Combine(folder, "test.jsonl") },
            EvolveRubric = false,
        };
        await using var run = await RunHarness.CreateAsync(fixture, config, "math");

        var final = await run.Loop.RunAsync(run.Plan, run.Initial);

        Assert.Equal(1, final.Step);
        var rollout = (await run.Store.ReadJsonLinesAsync<RolloutRecord>(BlobLayout.Rollouts(run.RunId, 0, 0), null, default))[0];
        Assert.Equal(("train.jsonl:1", "2"), (rollout.ExampleId, rollout.Fields["gold"]));
        Assert.Contains("What is 1 + 1?", rollout.Prompt);
        var score = (await run.Store.ReadJsonLinesAsync<ScoreRecord>(BlobLayout.Scores(run.RunId, 0, 0), null, default))[0];
        Assert.Equal(0, score.Reward); // a random policy writes no \\boxed{2}: the answer check gives 0, not a failure
        var evaluation = Assert.Single(run.Loop.Evaluations);
        Assert.Equal(("math_accuracy", 0.0), (evaluation.Metric, evaluation.Value));
    }
}
