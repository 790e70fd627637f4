using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Resilience;

namespace Mpo.Judging.Llm;

/// <summary>
/// Builds the reward and meta-reward models a run configuration names (<see cref="JudgeConfig"/>): the embedded judge,
/// or an LLM behind an OpenAI-compatible endpoint. One instance per process (register it with
/// <see cref="JudgeServiceCollectionExtensions.AddMpoJudges"/>): endpoints are created once per configuration and share
/// the process's named resilience pipelines, so every client of an endpoint goes through one circuit breaker and one
/// concurrency limit.
/// </summary>
public sealed class JudgeFactory
{
    private readonly JudgePipelines _pipelines;
    private readonly HttpClient? _httpClient;
    private readonly ILoggerFactory _loggers;
    private readonly ConcurrentDictionary<JudgeEndpointOptions, Lazy<Task<JudgeEndpoint>>> _endpoints = new();

    /// <summary>Creates the factory.</summary>
    /// <param name="pipelines">The process's named judge pipelines.</param>
    /// <param name="injections">The process's injection counters (shared by every reward model it builds).</param>
    /// <param name="httpClient">A shared HTTP client without a shorter timeout than the judges', or <c>null</c> for one per endpoint.</param>
    /// <param name="loggers">Logger factory, or <c>null</c>.</param>
    public JudgeFactory(JudgePipelines pipelines, InjectionStatistics injections, HttpClient? httpClient = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(injections);
        _pipelines = pipelines;
        Injections = injections;
        _httpClient = httpClient;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>The injection counters every reward model built here records into (for the training metrics).</summary>
    public InjectionStatistics Injections { get; }

    /// <summary>The reward model <paramref name="config"/> names, after validating it.</summary>
    /// <param name="config">The <c>rm</c> section.</param>
    /// <param name="source">Where it came from, for error messages (e.g. <c>run.json: rm</c>).</param>
    /// <param name="cancellationToken">Cancels the endpoint's guided-decoding probe.</param>
    /// <exception cref="Core.MpoInputException">The configuration is invalid.</exception>
    public async Task<IRewardModel> CreateRewardModelAsync(JudgeConfig config, string source = "rm", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate(source);
        if (config.Kind == JudgeKind.Embedded)
        {
            return new EmbeddedRewardModel(config.EmbeddedRewardModelOptions(), Injections);
        }

        var endpoint = await EndpointAsync(config.Endpoint!, cancellationToken).ConfigureAwait(false);
        return new LlmRewardModel(endpoint, config.RewardModelOptions(), _loggers.CreateLogger<LlmRewardModel>(), Injections);
    }

    /// <summary>The meta-reward model <paramref name="config"/> names, after validating it.</summary>
    /// <param name="config">The <c>mrm</c> section.</param>
    /// <param name="baseline">The run's SFT rollout statistics; required by the embedded judge, unused by an LLM.</param>
    /// <param name="source">Where it came from, for error messages (e.g. <c>run.json: mrm</c>).</param>
    /// <param name="cancellationToken">Cancels the endpoint's guided-decoding probe.</param>
    /// <exception cref="Core.MpoInputException">The configuration is invalid.</exception>
    public async Task<IMetaRewardModel> CreateMetaRewardModelAsync(
        JudgeConfig config, HackingBaseline? baseline, string source = "mrm", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate(source);
        if (config.Kind == JudgeKind.Embedded)
        {
            if (baseline is null)
            {
                throw new ArgumentNullException(nameof(baseline), "the embedded meta-reward model needs the run's hacking baseline (statistics of the SFT rollouts)");
            }

            return new EmbeddedMetaRewardModel(baseline, config.EmbeddedMetaRewardModelOptions());
        }

        var endpoint = await EndpointAsync(config.Endpoint!, cancellationToken).ConfigureAwait(false);
        return new LlmMetaRewardModel(endpoint, config.MetaRewardModelOptions(), _loggers.CreateLogger<LlmMetaRewardModel>());
    }

    /// <summary>The endpoint of <paramref name="options"/>, created (and its guided decoding probed) once; a failed creation is retried next time.</summary>
    private async Task<JudgeEndpoint> EndpointAsync(JudgeEndpointOptions options, CancellationToken cancellationToken)
    {
        var lazy = _endpoints.GetOrAdd(options, o => new Lazy<Task<JudgeEndpoint>>(
            () => JudgeEndpoint.CreateAsync(o, _pipelines, _httpClient, _loggers.CreateLogger<JudgeEndpoint>(), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _endpoints.TryRemove(new KeyValuePair<JudgeEndpointOptions, Lazy<Task<JudgeEndpoint>>>(options, lazy));
            throw;
        }
    }
}
