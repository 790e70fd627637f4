using System.Text.Json.Serialization;
using Mpo.Judging.Embedded;
using Mpo.Judging.Llm;

namespace Mpo.Pipeline.Config;

/// <summary>A reward or meta-reward model: the embedded judge, or an OpenAI-compatible endpoint.</summary>
/// <remarks>
/// This is the run config's <c>rm</c>/<c>mrm</c> section, with the documented schema (docs/run-config.md); it holds
/// only what a run config may set. The judging library's <see cref="Mpo.Judging.Llm.JudgeConfig"/> (every option of a
/// judge) is built from it by <see cref="ToJudging"/>, and <see cref="JudgeFactory"/> builds the models from that.
/// </remarks>
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

    /// <summary>
    /// The judging library's configuration of this judge: these fields, the run's seed and <c>num_mpo_samples</c>,
    /// and the judging defaults for everything a run config does not set.
    /// </summary>
    /// <param name="endpointName">Names the endpoint's resilience pipeline (e.g. <c>{run}-rm</c>).</param>
    /// <param name="runSeed">The run's seed (the LLM reward model's math coin).</param>
    /// <param name="numMpoSamples">Rollouts the meta-reward model reads per revision.</param>
    public Mpo.Judging.Llm.JudgeConfig ToJudging(string endpointName, long runSeed, int numMpoSamples) => new()
    {
        Kind = Kind == JudgeKinds.Embedded ? JudgeKind.Embedded : JudgeKind.OpenAi,
        NormalizeByMaximum = NormalizeByMaximum,
        UncheckedItems = UncheckedItems == "skip" ? UncheckedItemPolicy.Skip : UncheckedItemPolicy.Fail,
        Seed = runSeed,
        NumMpoSamples = numMpoSamples,
        Endpoint = Endpoint?.ToOptions(endpointName),
    };
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

    /// <summary>The judging library's endpoint options: these fields, and its defaults for the rest.</summary>
    /// <param name="name">Names the endpoint's resilience pipeline.</param>
    public JudgeEndpointOptions ToOptions(string name) => new()
    {
        Name = name,
        BaseUrl = BaseUrl,
        Model = Model,
        ApiKeyEnv = ApiKeyEnv,
        Temperature = Temperature,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        MaxRetries = MaxRetries,
        ConcurrencyLimit = ConcurrencyLimit,
    };
}
