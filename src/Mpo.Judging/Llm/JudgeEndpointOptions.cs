using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Mpo.Core;

namespace Mpo.Judging.Llm;

/// <summary>
/// One OpenAI-compatible judge endpoint (vLLM, SGLang, Ollama, Azure OpenAI, OpenAI): where it is, which model, how
/// its key is found, how replies are sampled and constrained, and how hard calls are retried. The RM and MRM may
/// share one endpoint or use two; each endpoint gets its own named resilience pipeline (and so its own circuit
/// breaker and concurrency limit).
/// </summary>
/// <remarks>
/// The API key itself is never part of the options: <see cref="ApiKeyEnv"/> names the environment variable that
/// holds it, so configuration files, logs, orchestration payloads and blobs only ever carry the variable's name.
/// See docs/judges.md for per-server examples.
/// </remarks>
public sealed record JudgeEndpointOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Judge";

    /// <summary>Name of the endpoint: names its resilience pipeline and appears in logs and failures.</summary>
    /// <value>The default is <c>judge</c>.</value>
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "judge";

    /// <summary>Base URL of the OpenAI-compatible API, ending in <c>/v1</c> (e.g. <c>http://gpu1:8000/v1</c>).</summary>
    [Required]
    [JsonPropertyName("base_url")]
    public string BaseUrl { get; init; } = "";

    /// <summary>Model name as the server knows it (for Azure OpenAI: the deployment name).</summary>
    [Required]
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>
    /// Name of the environment variable holding the API key (e.g. <c>OPENAI_API_KEY</c>), or <c>null</c> for a local
    /// server that checks no key (a placeholder is sent).
    /// </summary>
    /// <value>The default is <c>null</c>.</value>
    [JsonPropertyName("api_key_env")]
    public string? ApiKeyEnv { get; init; }

    /// <summary>Sampling temperature of every judge generation.</summary>
    /// <value>The default is 0.02 (the paper's).</value>
    [Range(0.0, 2.0)]
    [JsonPropertyName("temperature")]
    public double Temperature { get; init; } = JudgeEndpointDefaults.Temperature;

    /// <summary>Maximum output tokens per kind of turn.</summary>
    [JsonPropertyName("max_tokens")]
    public JudgeTurnLimits MaxTokens { get; init; } = new();

    /// <summary>How integer replies are constrained; see <see cref="GuidedDecoding"/>.</summary>
    /// <value>The default is <see cref="GuidedDecoding.Auto"/>.</value>
    [JsonPropertyName("guided_decoding")]
    public GuidedDecoding GuidedDecoding { get; init; } = GuidedDecoding.Auto;

    /// <summary>Timeout of one call attempt (retries get a fresh one).</summary>
    /// <value>The default is 120 s.</value>
    [JsonPropertyName("timeout")]
    public TimeSpan Timeout { get; init; } = JudgeEndpointDefaults.Timeout;

    /// <summary>Retries after the first attempt on 408/429/5xx, connection errors and timeouts.</summary>
    /// <value>The default is 4.</value>
    [Range(0, 100)]
    [JsonPropertyName("max_retries")]
    public int MaxRetries { get; init; } = JudgeEndpointDefaults.MaxRetries;

    /// <summary>First backoff delay (exponential, jittered).</summary>
    /// <value>The default is 1 s.</value>
    [JsonPropertyName("retry_base_delay")]
    public TimeSpan RetryBaseDelay { get; init; } = JudgeEndpointDefaults.RetryBaseDelay;

    /// <summary>Cap of a computed backoff delay.</summary>
    /// <value>The default is 30 s.</value>
    [JsonPropertyName("retry_max_delay")]
    public TimeSpan RetryMaxDelay { get; init; } = JudgeEndpointDefaults.RetryMaxDelay;

    /// <summary>Longest <c>Retry-After</c> honoured; a server asking for longer fails the call.</summary>
    /// <value>The default is 120 s.</value>
    [JsonPropertyName("max_retry_after")]
    public TimeSpan MaxRetryAfter { get; init; } = JudgeEndpointDefaults.MaxRetryAfter;

    /// <summary>Calls in flight at once against this endpoint; further calls queue.</summary>
    /// <value>The default is 32.</value>
    [Range(1, 100_000)]
    [JsonPropertyName("concurrency_limit")]
    public int ConcurrencyLimit { get; init; } = JudgeEndpointDefaults.ConcurrencyLimit;

    /// <summary>Calls allowed to wait for a slot; beyond it calls are rejected (and retried).</summary>
    /// <value>The default is 100,000.</value>
    [Range(0, int.MaxValue)]
    [JsonPropertyName("queue_limit")]
    public int QueueLimit { get; init; } = JudgeEndpointDefaults.QueueLimit;

    /// <summary>Failure share in the sampling window that opens the circuit.</summary>
    /// <value>The default is 0.5.</value>
    [Range(0.01, 1.0)]
    [JsonPropertyName("breaker_failure_ratio")]
    public double BreakerFailureRatio { get; init; } = JudgeEndpointDefaults.BreakerFailureRatio;

    /// <summary>Calls in the window before the circuit may open.</summary>
    /// <value>The default is 20.</value>
    [Range(2, int.MaxValue)]
    [JsonPropertyName("breaker_minimum_throughput")]
    public int BreakerMinimumThroughput { get; init; } = JudgeEndpointDefaults.BreakerMinimumThroughput;

    /// <summary>Sampling window of the circuit breaker.</summary>
    /// <value>The default is 30 s.</value>
    [JsonPropertyName("breaker_sampling_duration")]
    public TimeSpan BreakerSamplingDuration { get; init; } = JudgeEndpointDefaults.BreakerSamplingDuration;

    /// <summary>How long an open circuit fails calls at once, before one trial call is let through.</summary>
    /// <value>The default is 15 s.</value>
    [JsonPropertyName("breaker_break_duration")]
    public TimeSpan BreakerBreakDuration { get; init; } = JudgeEndpointDefaults.BreakerBreakDuration;

    /// <summary>
    /// Checks the options; throws <see cref="MpoInputException"/> naming <paramref name="source"/>, the field and the
    /// problem.
    /// </summary>
    /// <param name="source">Where the options came from (file and section), for the message.</param>
    public void Validate(string source = SectionName)
    {
        OptionsValidation.Annotations(this, source);

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new MpoInputException($"{source}: field 'base_url': '{BaseUrl}' is not an absolute http(s) URL.");
        }

        // Lower bounds are Polly's own limits, checked here so the message names the field.
        AtLeast(Timeout, TimeSpan.FromMilliseconds(10), nameof(Timeout), source);
        AtLeast(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay), source);
        AtLeast(RetryMaxDelay, RetryBaseDelay, nameof(RetryMaxDelay), source);
        AtLeast(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter), source);
        AtLeast(BreakerSamplingDuration, TimeSpan.FromMilliseconds(500), nameof(BreakerSamplingDuration), source);
        AtLeast(BreakerBreakDuration, TimeSpan.FromMilliseconds(500), nameof(BreakerBreakDuration), source);
        if (ApiKeyEnv is { Length: > 0 } env && env.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            throw new MpoInputException(
                $"{source}: field 'api_key_env': '{env}' is not an environment variable name (letters, digits, '_'); put the key in the variable, not in the configuration.");
        }
    }

    private static void AtLeast(TimeSpan value, TimeSpan minimum, string field, string source)
    {
        if (value < minimum)
        {
            throw new MpoInputException($"{source}: field '{OptionsValidation.FieldName<JudgeEndpointOptions>(field)}': must be at least {minimum}, was {value}.");
        }
    }
}
