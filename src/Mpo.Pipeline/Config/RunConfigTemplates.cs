using Mpo.Core;
using Mpo.Judging.Bundled;
using Mpo.Judging.Tasks;
using Mpo.Training.Rl;

namespace Mpo.Pipeline.Config;

/// <summary>Example configs that <c>mpo init</c> writes: the embedded default, a smoke-test (<c>--tiny</c>), and paper tasks with LLM judges.</summary>
public static class RunConfigTemplates
{
    /// <summary>The example for <paramref name="task"/> (null = <c>mini_qa</c>); <paramref name="tiny"/> for the one-minute smoke test of the embedded default.</summary>
    /// <exception cref="MpoInputException">An unknown task, or <c>--tiny</c> with a paper task.</exception>
    public static RunConfig Create(string? task, bool tiny)
    {
        task ??= MiniQaTask.Name;
        if (tiny)
        {
            return task == MiniQaTask.Name
                ? Tiny()
                : throw new MpoInputException($"--tiny: the smoke-test config is of the embedded default task {MiniQaTask.Name}, not \"{task}\".");
        }

        if (task == MiniQaTask.Name)
        {
            return EmbeddedDefault();
        }

        var definition = TaskCatalog.Get(task);
        var judge = new JudgeConfig
        {
            Kind = JudgeKinds.OpenAi,
            Endpoint = new EndpointConfig { BaseUrl = "http://localhost:8000/v1", Model = "Qwen/Qwen2-72B-Instruct-AWQ", ApiKeyEnv = "MPO_JUDGE_API_KEY" },
        };
        return new RunConfig
        {
            Task = new TaskConfig
            {
                Name = definition.Name,
                TrainFile = $"data/{definition.Name}/train.jsonl",
                TestFile = definition.Metric == TaskMetricNames.Elo ? null : $"data/{definition.Name}/test.jsonl",
                SkipIneligible = definition.Name == TaskCatalog.EthicalReasoning.Name,
            },
            Policy = new PolicyConfig { Model = "models/policy", Device = "cuda" },
            Rl = new RlOptions { KlCoef = 0.02, ResponseLength = 400, LearningRate = 3e-6, MissingEosPenalty = 1.0 },
            Lora = new Mpo.Training.Lora.LoraOptions(),
            Rm = judge,
            Mrm = judge,
            Epochs = 1,
            StepsPerEpoch = 200,
            Evaluation = new EvaluationConfig { EveryEpochs = definition.Metric == TaskMetricNames.Elo ? 0 : 1 },
        };
    }

    /// <summary>
    /// The embedded default (what <c>mpo train</c> runs without a config): the bundled tiny policy on <c>mini_qa</c>
    /// with the embedded RM and MRM, starting from the task's flawed initial rubric. GRPO as in the shared notes'
    /// reward-hacking recipe: 8 prompts × 8 samples per update at temperature 1 (so every group has reward variance to
    /// learn from), <c>beta</c> 0.02, <c>learning_rate</c> 3e-4 with 10 warmup steps, 2 PPO epochs per batch,
    /// responses capped at 24 tokens (the tiny policy has 64 positions) with <c>missing_eos_penalty</c> 1.
    /// 8 epochs of 10 updates on 2 shards, a rubric revision every 3 updates (damage grows between the onset of a hack
    /// and its detection: over 3 seeds, every 3 updates ended at oracle 0.92 where every 5 ended at 0.86,
    /// docs/evidence.md), an oracle evaluation after each epoch.
    /// Within the 80 updates the flawed rubric gets exploited (longer answers that stop less often) and the MRM's
    /// revisions push back (docs/evidence.md); about 1–2 minutes on one CPU thread.
    /// </summary>
    public static RunConfig EmbeddedDefault() => new()
    {
        Rl = new RlOptions
        {
            Algorithm = RlAlgorithm.Grpo,
            PerDeviceTrainBatchSize = 64,
            LocalRolloutForwardBatchSize = 64,
            NumGenerations = 8,
            Temperature = 1.0,
            Beta = 0.02,
            KlCoef = 0.05,
            LearningRate = 3e-4,
            WarmupSteps = 10,
            NumPpoEpochs = 2,
            ResponseLength = 24,
            MissingEosPenalty = 1.0,
        },
        NumMpoInterval = 3,
        NumMpoSamples = 20,
        Epochs = 8,
        StepsPerEpoch = 10,
        RolloutShards = 2,
    };

    /// <summary>The smoke test of the embedded default: 4 PPO updates of 4 prompts on 2 shards, a revision every 2 updates, one evaluation on 16 test prompts.</summary>
    public static RunConfig Tiny() => new()
    {
        Task = new TaskConfig { TestLimit = 16 },
        Rl = new RlOptions { NumPpoEpochs = 1, ResponseLength = 16, PerDeviceTrainBatchSize = 4, LocalRolloutForwardBatchSize = 4, LearningRate = 1e-4 },
        NumMpoInterval = 2,
        NumMpoSamples = 8,
        Epochs = 1,
        StepsPerEpoch = 4,
        RolloutShards = 2,
        Retention = new RetentionConfig { KeepLast = 2 },
    };
}
