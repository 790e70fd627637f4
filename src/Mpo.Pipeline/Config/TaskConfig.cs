using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Config;

/// <summary>The task a run trains on and its data.</summary>
public sealed record TaskConfig
{
    /// <summary>Task name: <c>mini_qa</c> (bundled, built-in data) or a paper task (<c>essay_writing</c>, <c>summarization</c>, <c>ethical_reasoning</c>, <c>math_reasoning</c>). <value>The default is <c>mini_qa</c>.</value></summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "mini_qa";

    /// <summary>Training prompts (JSONL in the task's format); required for paper tasks, not allowed for <c>mini_qa</c>. Relative paths are relative to the config file. <value>The default is null.</value></summary>
    [JsonPropertyName("train_file")]
    public string? TrainFile { get; init; }

    /// <summary>Test prompts with references for evaluation (JSONL); required for paper tasks with a per-response metric. <value>The default is null.</value></summary>
    [JsonPropertyName("test_file")]
    public string? TestFile { get; init; }

    /// <summary>Skip ineligible rows as the paper filters Scruples, instead of rejecting the file. <value>The default is false.</value></summary>
    [JsonPropertyName("skip_ineligible")]
    public bool SkipIneligible { get; init; }

    /// <summary>Use at most this many training rows; null for all. <value>The default is null.</value></summary>
    [JsonPropertyName("train_limit")]
    public int? TrainLimit { get; init; }

    /// <summary>Evaluate on at most this many test prompts (the first ones); null for all. <value>The default is null.</value></summary>
    [JsonPropertyName("test_limit")]
    public int? TestLimit { get; init; }

    /// <summary>A rubric file (<c>&lt;rubric&gt;</c> format) to start from instead of the task's initial rubric. <value>The default is null.</value></summary>
    [JsonPropertyName("initial_rubric_file")]
    public string? InitialRubricFile { get; init; }
}

/// <summary>The policy the run starts from.</summary>
public sealed record PolicyConfig
{
    /// <summary>Hugging Face model folder (config.json, model.safetensors, tokenizer.json); null = the bundled tiny policy (<c>Bundled/mini-qa-policy</c> next to mpo.dll). Relative paths are relative to the config file. <value>The default is null.</value></summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. <value>The default is <c>cpu</c>.</value></summary>
    [JsonPropertyName("device")]
    public string Device { get; init; } = "cpu";
}

/// <summary>When evaluations run.</summary>
public sealed record EvaluationConfig
{
    /// <summary>Evaluate the checkpoint after every this many epochs; 0 = never by epoch. <value>The default is 1.</value></summary>
    [JsonPropertyName("every_epochs")]
    public int EveryEpochs { get; init; } = 1;

    /// <summary>Also evaluate the latest checkpoint on this wall-clock period (durable timers); null = off. <value>The default is null.</value></summary>
    [JsonPropertyName("every_minutes")]
    public double? EveryMinutes { get; init; }
}

/// <summary>Checkpoint retention, applied after each commit; the checkpoint just committed is never deleted.</summary>
public sealed record RetentionConfig
{
    /// <summary>Keep the last this many committed checkpoints (at least 1). <value>The default is 3.</value></summary>
    [JsonPropertyName("keep_last")]
    public int KeepLast { get; init; } = 3;

    /// <summary>Also keep every checkpoint whose step is a multiple of this; 0 = none. Step 0 (the initial policy) is always kept. <value>The default is 0.</value></summary>
    [JsonPropertyName("keep_every")]
    public int KeepEvery { get; init; }
}

/// <summary>A durable retry policy of one activity kind.</summary>
public sealed record RetryConfig
{
    /// <summary>Attempts including the first. <value>The default is 5.</value></summary>
    [JsonPropertyName("max_attempts")]
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the first retry, in seconds. <value>The default is 5.</value></summary>
    [JsonPropertyName("first_retry_seconds")]
    public double FirstRetrySeconds { get; init; } = 5;

    /// <summary>Multiplier of the wait per retry. <value>The default is 2.</value></summary>
    [JsonPropertyName("backoff_coefficient")]
    public double BackoffCoefficient { get; init; } = 2;

    /// <summary>Longest wait between attempts, in seconds. <value>The default is 120.</value></summary>
    [JsonPropertyName("max_retry_seconds")]
    public double MaxRetrySeconds { get; init; } = 120;
}

/// <summary>Where artifacts are stored; the account comes from the environment (docs/storage.md), never from this file.</summary>
public sealed record StorageConfig
{
    /// <summary>The blob container holding every artifact. <value>The default is <c>mpo</c>.</value></summary>
    [JsonPropertyName("container")]
    public string Container { get; init; } = "mpo";
}
