using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Training.Rl;

namespace Mpo.Pipeline.Tests.Config;

public sealed class RunConfigReaderTests
{
    [Theory]
    [InlineData("""{"rl": {"kl_coeff": 0.1}}""", "$.rl.kl_coeff")]
    [InlineData("""{"evaluation": {"every_epochs": 1, "every_hours": 2}}""", "$.evaluation.every_hours")]
    [InlineData("""{"num_mpo_intervals": 3}""", "$.num_mpo_intervals")]
    public void Parse_UnknownField_ErrorNamesJsonPath(string json, string path)
    {
        var error = Assert.Throws<MpoInputException>(() => RunConfigReader.Parse(json, "run.json"));

        Assert.StartsWith("run.json: unknown field '", error.Message);
        Assert.Contains($"'{path}'", error.Message);
    }

    [Theory]
    [InlineData("""{"rollout_shards": 0}""", "'rollout_shards'")]
    [InlineData("""{"rl": {"cliprange": -1}}""", "'rl.cliprange'")]
    [InlineData("""{"epochs": "two"}""", "'$.epochs'")]
    [InlineData("""{"rm": {"kind": "gpt"}}""", "'rm.kind'")]
    [InlineData("""{"mrm": {"kind": "openai"}}""", "'mrm.endpoint'")]
    [InlineData("""{"task": {"name": "summarization"}}""", "'task.train_file'")]
    [InlineData("""{"retries": {"Rollout": {}}}""", "'retries.Rollout'")]
    [InlineData("""{"prompts_per_step": 3}""", "'prompts_per_step'")]
    [InlineData("""{"policy": null}""", "'$.policy'")]
    [InlineData("""{"task": {"name": "essay_writing", "train_file": "t.jsonl"}}""", "'evaluation'")]
    [InlineData("""{"task": {"name": "math_reasoning", "train_file": "t.jsonl"}}""", "'task.test_file'")]
    public void Parse_InvalidValue_ErrorNamesField(string json, string field)
    {
        var error = Assert.Throws<MpoInputException>(() => RunConfigReader.Parse(json, "run.json"));

        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Parse_EmptyObject_HasDocumentedDefaults()
    {
        var config = RunConfigReader.Parse("{}");

        Assert.Equal("mini_qa", config.Task.Name);
        Assert.Null(config.Policy.Model);
        Assert.Equal("cpu", config.Policy.Device);
        Assert.Equal(RlAlgorithm.Ppo, config.Rl.Algorithm);
        Assert.Equal(JudgeKinds.Embedded, config.Rm.Kind);
        Assert.Equal(JudgeKinds.Embedded, config.Mrm.Kind);
        Assert.Equal((10, 20, true), (config.NumMpoInterval, config.NumMpoSamples, config.EvolveRubric));
        Assert.Equal((1, 20, 1), (config.Epochs, config.StepsPerEpoch, config.RolloutShards));
        Assert.Equal((3, 0), (config.Retention.KeepLast, config.Retention.KeepEvery));
        Assert.Equal((42L, 1, "mpo"), (config.Seed, config.Threads, config.Storage.Container));
        Assert.Equal(20, config.EffectiveRl().NumTotalBatches);
        Assert.Equal(8, config.DerivedPromptsPerStep());
    }

    [Fact]
    public void ToPlan_Config_CarriesShapeScheduleAndRetries()
    {
        var config = RunConfigReader.Parse("""
            { "epochs": 2, "steps_per_epoch": 5, "rollout_shards": 4, "num_mpo_interval": 3, "evolve_rubric": false,
              "evaluation": { "every_epochs": 2, "every_minutes": 1.5 },
              "retries": { "ScoreRollouts": { "max_attempts": 9, "first_retry_seconds": 1 } } }
            """);

        var plan = config.ToPlan();

        Assert.Equal((2, 5, 10, 4, 3, false), (plan.Epochs, plan.StepsPerEpoch, plan.TotalSteps, plan.RolloutShards, plan.MpoInterval, plan.EvolveRubric));
        Assert.Equal((2, (double?)1.5), (plan.EvaluateEveryEpochs, plan.EvaluateEveryMinutes));
        Assert.Equal(new RetrySettings(9, 1, 2, 120), plan.RetryFor(TaskNames.ScoreRollouts));
        Assert.Equal(new RetrySettings(), plan.RetryFor(TaskNames.UpdatePolicy));
    }

    [Fact]
    public void Templates_EveryTaskAndTiny_SerializeAndParseBack()
    {
        foreach (var (task, tiny) in new (string?, bool)[] { (null, false), (null, true), ("essay_writing", false), ("summarization", false), ("ethical_reasoning", false), ("math_reasoning", false) })
        {
            var json = RunConfigJson.Serialize(RunConfigTemplates.Create(task, tiny));

            var parsed = RunConfigReader.Parse(json, $"{task} {tiny}");

            Assert.Equal(json, RunConfigJson.Serialize(parsed));
        }
    }

    [Fact]
    public void Tiny_IsSmallEmbeddedMiniQa()
    {
        var tiny = RunConfigTemplates.Tiny();

        Assert.Equal("mini_qa", tiny.Task.Name);
        Assert.Equal(JudgeKinds.Embedded, tiny.Rm.Kind);
        Assert.Equal(4, tiny.TotalSteps());
        Assert.Equal(2, tiny.ToPlan().RolloutShards);
        Assert.Throws<MpoInputException>(() => RunConfigTemplates.Create("summarization", tiny: true));
    }

    [Fact]
    public void EmbeddedDefault_IsTheGrpoHackingRecipeWithRevisionsEveryThreeUpdates()
    {
        var config = RunConfigTemplates.EmbeddedDefault();
        var plan = config.ToPlan();

        // GRPO groups of 8 samples at temperature 1: the in-group reward variance the flawed rubric's exploit needs (docs/evidence.md).
        Assert.Equal((RlAlgorithm.Grpo, 8, 1.0, 0.02), (config.Rl.Algorithm, config.Rl.NumGenerations, config.Rl.Temperature, config.Rl.Beta));
        Assert.Equal(8, config.DerivedPromptsPerStep());
        Assert.Equal((80, 3, true, 2), (plan.TotalSteps, plan.MpoInterval, plan.EvolveRubric, plan.RolloutShards));
        Assert.Equal(1, plan.EvaluateEveryEpochs);
        Assert.Equal(24, config.Rl.ResponseLength);
        Assert.Null(config.Task.InitialRubricFile);
        Assert.Equal(JudgeKinds.Embedded, config.Mrm.Kind);
    }

    [Fact]
    public void ShardSlice_PromptsSplitContiguouslyOverShards()
    {
        var config = new RunConfig { Rl = new RlOptions { PerDeviceTrainBatchSize = 5 }, RolloutShards = 2 };

        Assert.Equal((0, 2), config.ShardSlice(0, 2));
        Assert.Equal((2, 3), config.ShardSlice(1, 2));
    }
}
