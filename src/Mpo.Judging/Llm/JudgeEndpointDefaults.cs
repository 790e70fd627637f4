namespace Mpo.Judging.Llm;

/// <summary>Defaults of <see cref="JudgeEndpointOptions"/>, with where each comes from.</summary>
public static class JudgeEndpointDefaults
{
    /// <summary>Judge sampling temperature: 0.02, as every RM/MRM generation in the paper's code.</summary>
    public const double Temperature = 0.02;

    /// <summary>Per-call timeout: 120 s (a 2,000-token analysis on a busy 72B server takes tens of seconds).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Retries after the first attempt: 4.</summary>
    public const int MaxRetries = 4;

    /// <summary>First retry delay before jitter and doubling: 1 s.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest computed backoff delay: 30 s.</summary>
    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Longest server-requested <c>Retry-After</c> honoured: 120 s (longer requests fail the call).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(120);

    /// <summary>Concurrent calls per endpoint: 32 (the paper's client ran up to <c>max(96, 16·cpu)</c> threads).</summary>
    public const int ConcurrencyLimit = 32;

    /// <summary>Calls that may wait for a concurrency slot: 100,000 (a scoring batch queues all its calls).</summary>
    public const int QueueLimit = 100_000;

    /// <summary>Share of failed calls in the sampling window that opens the circuit: 0.5.</summary>
    public const double BreakerFailureRatio = 0.5;

    /// <summary>Calls in the window before the breaker may open: 20.</summary>
    public const int BreakerMinimumThroughput = 20;

    /// <summary>Circuit breaker sampling window: 30 s.</summary>
    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit rejects calls: 15 s.</summary>
    public static readonly TimeSpan BreakerBreakDuration = TimeSpan.FromSeconds(15);
}
