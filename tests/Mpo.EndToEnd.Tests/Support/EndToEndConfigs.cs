using Mpo.Pipeline.Config;

namespace Mpo.EndToEnd.Tests.Support;

/// <summary>The run configurations of the end-to-end tests.</summary>
public static class EndToEndConfigs
{
    /// <summary>Epochs of <see cref="Standard"/>.</summary>
    public const int Epochs = 2;

    /// <summary>Updates per epoch of <see cref="Standard"/>.</summary>
    public const int StepsPerEpoch = 3;

    /// <summary>Updates of the whole run.</summary>
    public const int TotalSteps = Epochs * StepsPerEpoch;

    /// <summary>
    /// <c>mpo init --tiny</c> (4 prompts per update on 2 shards, a rubric revision every 2 updates, 16 test prompts,
    /// keep the last 2 checkpoints) stretched to 2 epochs of 3 updates with an evaluation after each epoch, and with
    /// short durable retries (2 attempts, 1 s apart) so a failure that cannot heal ends the run in seconds.
    /// </summary>
    public static RunConfig Standard()
    {
        var tiny = RunConfigTemplates.Tiny();
        var retry = new RetryConfig { MaxAttempts = 2, FirstRetrySeconds = 1, BackoffCoefficient = 1, MaxRetrySeconds = 2 };
        string[] activities = ["GenerateRollouts", "ScoreRollouts", "UpdatePolicy", "ReviseRubric", "CommitCheckpoint"];
        return tiny with
        {
            Epochs = Epochs,
            StepsPerEpoch = StepsPerEpoch,
            Evaluation = new EvaluationConfig { EveryEpochs = 1 },
            Retries = activities.ToDictionary(a => a, _ => retry),
        };
    }

    /// <summary><see cref="Standard"/> with the reward and meta-reward models as OpenAI-compatible endpoints at <paramref name="baseUrl"/>.</summary>
    public static RunConfig WithJudge(string baseUrl, string model)
    {
        var judge = new JudgeConfig
        {
            Kind = JudgeKinds.OpenAi,
            Endpoint = new EndpointConfig { BaseUrl = baseUrl, Model = model, TimeoutSeconds = 30, MaxRetries = 4 },
        };
        return Standard() with { Rm = judge, Mrm = judge };
    }

    /// <summary>
    /// <see cref="Standard"/> evaluated only on a wall-clock period of <paramref name="minutes"/> (durable timers), not
    /// by epoch; all checkpoints are kept so an evaluation never races retention. Training itself is unchanged.
    /// </summary>
    public static RunConfig EvaluatedEvery(double minutes) => Standard() with
    {
        Evaluation = new EvaluationConfig { EveryEpochs = 0, EveryMinutes = minutes },
        Retention = new RetentionConfig { KeepLast = TotalSteps + 1 },
    };

    /// <summary>The config as the JSON file <c>mpo train --config</c> reads.</summary>
    public static string Json(RunConfig config) => RunConfigJson.Serialize(config);
}
