using System.Text.Json.Serialization;
using Mpo.Judging.Llm;

namespace Mpo.Pipeline.Config;

/// <summary>A reward or meta-reward model: the embedded judge, or an OpenAI-compatible endpoint.</summary>
public sealed record JudgeConfig
{
    /// <summary><c>embedded</c> or <c>openai</c>. <value>The default is <c>embedded</c>.</value></summary>
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = JudgeKinds.Embedded;

    /// <summary>Embedded RM: divide the summed item scores by the rubric's maximum. <value>The default is false (the paper's plain sum).</value></summary>
    [JsonPropertyName("normalize_by_maximum")]
    public bool NormalizeByMaximum { get; init; }

    /// <summary>Embedded RM: <c>fail</c> (an item without a check makes the sample unscorable) or <c>skip</c>. <value>The default is <c>fail</c>.</value></summary>
    [JsonPropertyName("unchecked_items")]
    public string UncheckedItems { get; init; } = "fail";

    /// <summary>The endpoint, required when <c>kind</c> is <c>openai</c>.</summary>
    [JsonPropertyName("endpoint")]
    public EndpointConfig? Endpoint { get; init; }
}

/// <summary>The judge kinds.</summary>
public static class JudgeKinds
{
    /// <summary>The embedded judge (no server).</summary>
    public const string Embedded = "embedded";

    /// <summary>An OpenAI-compatible chat completions endpoint.</summary>
    public const string OpenAi = "openai";
}

/// <summary>An OpenAI-compatible judge endpoint. The API key is read from the environment variable named here, never stored.</summary>
public sealed record EndpointConfig
{
    /// <summary>Base URL ending in <c>/v1</c>, e.g. <c>http://gpu1:8000/v1</c>. Required.</summary>
    [JsonPropertyName("base_url")]
    public string BaseUrl { get; init; } = "";

    /// <summary>Model name the server serves. Required.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>Environment variable holding the API key; null for servers without one. <value>The default is null.</value></summary>
    [JsonPropertyName("api_key_env")]
    public string? ApiKeyEnv { get; init; }

    /// <summary>Sampling temperature of the judge. <value>The default is 0.02.</value></summary>
    [JsonPropertyName("temperature")]
    public double Temperature { get; init; } = JudgeEndpointDefaults.Temperature;

    /// <summary>Timeout of one call, in seconds. <value>The default is 120.</value></summary>
    [JsonPropertyName("timeout_seconds")]
    public double TimeoutSeconds { get; init; } = 120;

    /// <summary>Retries of one call inside the judge's resilience pipeline. <value>The default is 4.</value></summary>
    [JsonPropertyName("max_retries")]
    public int MaxRetries { get; init; } = 4;

    /// <summary>Concurrent calls to this endpoint. <value>The default is 32.</value></summary>
    [JsonPropertyName("concurrency_limit")]
    public int ConcurrencyLimit { get; init; } = JudgeEndpointDefaults.ConcurrencyLimit;
}
