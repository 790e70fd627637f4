using Mpo.Judging.Llm;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Mpo.Judging.Resilience;

/// <summary>
/// The named resilience pipelines of the judge endpoints: one per endpoint name, built once and shared by every
/// client of that endpoint, so the circuit breaker and the concurrency limit see all of its traffic. Register one
/// instance per process (singleton). Strategies, outermost first:
/// retry (jittered exponential backoff, honouring <c>Retry-After</c>) → circuit breaker → concurrency limiter →
/// per-attempt timeout.
/// </summary>
/// <remarks>
/// This is the inner retry layer (STYLE rule 5): it retries single HTTP calls. The durable engine's retry policy
/// retries whole activities, e.g. after <see cref="UnscorableBatchException"/>.
/// </remarks>
public sealed class JudgePipelines : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();
    private readonly TimeProvider _timeProvider;
    private readonly Func<double>? _randomizer;

    /// <summary>Creates the registry.</summary>
    /// <param name="timeProvider">Clock for delays, timeouts and the breaker (tests may pass a fake).</param>
    /// <param name="randomizer">Jitter source in [0, 1); <c>null</c> for Polly's shared random.</param>
    public JudgePipelines(TimeProvider? timeProvider = null, Func<double>? randomizer = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _randomizer = randomizer;
    }

    /// <summary>The pipeline of <paramref name="options"/>' endpoint (built on first use, keyed by its name).</summary>
    public ResiliencePipeline For(JudgeEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _registry.GetOrAddPipeline(options.Name, builder => Configure(builder, options));
    }

    /// <inheritdoc />
    public void Dispose() => _registry.Dispose();

    private void Configure(ResiliencePipelineBuilder builder, JudgeEndpointOptions options)
    {
        builder.TimeProvider = _timeProvider;
        if (options.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions
            {
                Name = $"{options.Name}-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is JudgeCallException { RetryAfter: { } after } ? after : (TimeSpan?)null),
            };
            if (_randomizer is not null)
            {
                retry.Randomizer = _randomizer;
            }

            builder.AddRetry(retry);
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            Name = $"{options.Name}-breaker",
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome.Exception)),
        });
        builder.AddConcurrencyLimiter(options.ConcurrencyLimit, options.QueueLimit);
        builder.AddTimeout(new TimeoutStrategyOptions { Name = $"{options.Name}-timeout", Timeout = options.Timeout });
    }

    /// <summary>Retry: transient HTTP/connection failures (unless the server asks to wait too long), timeouts, a full queue.</summary>
    private static bool IsRetryable(Exception? exception, TimeSpan maxRetryAfter) => exception switch
    {
        JudgeCallException { IsTransient: true, RetryAfter: var after } => after is null || after <= maxRetryAfter,
        TimeoutRejectedException or RateLimiterRejectedException => true,
        _ => false,
    };

    /// <summary>Breaker: failures that say the server is unwell (not client errors, not an open circuit).</summary>
    private static bool IsServerFailure(Exception? exception) => exception switch
    {
        JudgeCallException { IsTransient: true } => true,
        TimeoutRejectedException => true,
        _ => false,
    };
}
