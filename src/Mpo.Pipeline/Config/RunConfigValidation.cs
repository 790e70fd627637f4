using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Judging.Bundled;
using Mpo.Judging.Tasks;
using Mpo.Training.Rl;

namespace Mpo.Pipeline.Config;

/// <summary>Checks every value of a <see cref="RunConfig"/> and names the first bad field by its JSON path.</summary>
public static class RunConfigValidation
{
    /// <summary>Activity names a <c>retries</c> entry may name.</summary>
    public static IReadOnlyList<string> ActivityNames { get; } =
    [
        TaskNames.GenerateRollouts, TaskNames.ScoreRollouts, TaskNames.UpdatePolicy, TaskNames.ReviseRubric,
        TaskNames.CommitCheckpoint, TaskNames.Evaluate, TaskNames.LatestCheckpoint, TaskNames.RecoverCheckpoint,
    ];

    /// <summary>Throws <see cref="MpoInputException"/> naming <paramref name="source"/> and the field.</summary>
    public static void Validate(RunConfig config, string source = "run config")
    {
        ArgumentNullException.ThrowIfNull(config);
        void Require(bool ok, string field, string rule, object? value)
        {
            if (!ok)
            {
                throw new MpoInputException($"{source}: field '{field}' {rule}, got {Show(value)}.");
            }
        }

        var task = config.Task;
        bool bundled = task.Name == MiniQaTask.Name;
        Require(bundled || TaskCatalog.PaperTasks.Any(t => t.Name == task.Name), "task.name",
            $"must be {MiniQaTask.Name} or one of {string.Join(", ", TaskCatalog.PaperTasks.Select(t => t.Name))}", task.Name);
        Require(!bundled || task.TrainFile is null, "task.train_file", $"must be null for {MiniQaTask.Name} (its data is built in)", task.TrainFile);
        Require(!bundled || task.TestFile is null, "task.test_file", $"must be null for {MiniQaTask.Name} (its data is built in)", task.TestFile);
        Require(bundled || !string.IsNullOrWhiteSpace(task.TrainFile), "task.train_file", "is required for a paper task (JSONL in the task's format)", task.TrainFile);
        Require(task.TrainLimit is null or >= 1, "task.train_limit", "must be at least 1 or null", task.TrainLimit);
        Require(task.TestLimit is null or >= 1, "task.test_limit", "must be at least 1 or null", task.TestLimit);
        Require(config.Policy.Device is "cpu" or "cuda" || config.Policy.Device.StartsWith("cuda:", StringComparison.Ordinal), "policy.device", "must be cpu, cuda or cuda:N", config.Policy.Device);

        var rl = config.EffectiveRl();
        try
        {
            rl.Validate(source);
        }
        catch (MpoInputException e)
        {
            throw new MpoInputException(e.Message.Replace("field '", "field 'rl.", StringComparison.Ordinal), e);
        }

        if (config.Lora is { } lora)
        {
            Require(lora.Rank >= 1, "lora.r", "must be at least 1", lora.Rank);
            Require(lora.Alpha > 0, "lora.lora_alpha", "must be > 0", lora.Alpha);
            Require(lora.Dropout is >= 0 and < 1, "lora.lora_dropout", "must be in [0, 1)", lora.Dropout);
            Require(lora.TargetModules.Count > 0, "lora.target_modules", "must name at least one module", lora.TargetModules.Count);
        }

        ValidateJudge(config.Rm, "rm", Require);
        ValidateJudge(config.Mrm, "mrm", Require);
        Require(config.NumMpoInterval >= 1, "num_mpo_interval", "must be at least 1", config.NumMpoInterval);
        Require(config.NumMpoSamples >= 1, "num_mpo_samples", "must be at least 1", config.NumMpoSamples);
        Require(config.Epochs >= 1, "epochs", "must be at least 1", config.Epochs);
        Require(config.StepsPerEpoch >= 1, "steps_per_epoch", "must be at least 1", config.StepsPerEpoch);
        int derived = config.DerivedPromptsPerStep();
        Require(config.PromptsPerStep is null || config.PromptsPerStep == derived, "prompts_per_step",
            $"must equal the rl batch in prompts ({derived}: per_device_train_batch_size × gradient_accumulation_steps{(rl.Algorithm == RlAlgorithm.Ppo ? "" : " / num_generations")}) or be null", config.PromptsPerStep);
        Require(config.RolloutShards >= 1 && config.RolloutShards <= derived, "rollout_shards", $"must be in [1, prompts per step = {derived}]", config.RolloutShards);
        Require(config.Evaluation.EveryEpochs >= 0, "evaluation.every_epochs", "must be ≥ 0", config.Evaluation.EveryEpochs);
        bool elo = !bundled && TaskCatalog.Get(task.Name).Metric == TaskMetricNames.Elo;
        Require(!elo || (config.Evaluation.EveryEpochs == 0 && config.Evaluation.EveryMinutes is null), "evaluation",
            $"must be off ({{\"every_epochs\": 0}}) for {task.Name}: it is evaluated by an Elo tournament between policies, not in-run", task.Name);
        Require(bundled || elo || config.Evaluation.EveryEpochs == 0 && config.Evaluation.EveryMinutes is null || task.TestFile is not null, "task.test_file",
            "is required when evaluations are scheduled", task.TestFile);
        Require(config.Evaluation.EveryMinutes is null or > 0, "evaluation.every_minutes", "must be > 0 or null", config.Evaluation.EveryMinutes);
        Require(config.Retention.KeepLast >= 1, "retention.keep_last", "must be at least 1", config.Retention.KeepLast);
        Require(config.Retention.KeepEvery >= 0, "retention.keep_every", "must be ≥ 0", config.Retention.KeepEvery);
        Require(config.Threads >= 1, "threads", "must be at least 1", config.Threads);
        Require(IsContainerName(config.Storage.Container), "storage.container", "must be 3–63 lowercase letters, digits and single hyphens", config.Storage.Container);
        foreach (var (name, retry) in config.Retries)
        {
            Require(ActivityNames.Contains(name), $"retries.{name}", $"names no activity; known: {string.Join(", ", ActivityNames)}", name);
            Require(retry.MaxAttempts >= 1, $"retries.{name}.max_attempts", "must be at least 1", retry.MaxAttempts);
            Require(retry.FirstRetrySeconds > 0, $"retries.{name}.first_retry_seconds", "must be > 0", retry.FirstRetrySeconds);
            Require(retry.BackoffCoefficient >= 1, $"retries.{name}.backoff_coefficient", "must be ≥ 1", retry.BackoffCoefficient);
            Require(retry.MaxRetrySeconds >= retry.FirstRetrySeconds, $"retries.{name}.max_retry_seconds", "must be ≥ first_retry_seconds", retry.MaxRetrySeconds);
        }
    }

    private static void ValidateJudge(JudgeConfig judge, string section, Action<bool, string, string, object?> require)
    {
        require(judge.Kind is JudgeKinds.Embedded or JudgeKinds.OpenAi, $"{section}.kind", "must be embedded or openai", judge.Kind);
        require(judge.UncheckedItems is "fail" or "skip", $"{section}.unchecked_items", "must be fail or skip", judge.UncheckedItems);
        if (judge.Kind == JudgeKinds.OpenAi)
        {
            require(judge.Endpoint is not null, $"{section}.endpoint", "is required when kind is openai", null);
            var e = judge.Endpoint!;
            require(Uri.TryCreate(e.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{section}.endpoint.base_url", "must be an http(s) URL ending in /v1", e.BaseUrl);
            require(!string.IsNullOrWhiteSpace(e.Model), $"{section}.endpoint.model", "is required", e.Model);
            require(e.Temperature >= 0, $"{section}.endpoint.temperature", "must be ≥ 0", e.Temperature);
            require(e.TimeoutSeconds > 0, $"{section}.endpoint.timeout_seconds", "must be > 0", e.TimeoutSeconds);
            require(e.MaxRetries >= 0, $"{section}.endpoint.max_retries", "must be ≥ 0", e.MaxRetries);
            require(e.ConcurrencyLimit >= 1, $"{section}.endpoint.concurrency_limit", "must be at least 1", e.ConcurrencyLimit);
        }
    }

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63 && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal) && !name.EndsWith('-');

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
