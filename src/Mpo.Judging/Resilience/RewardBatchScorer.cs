using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Judging.Llm;

namespace Mpo.Judging.Resilience;

/// <summary>Options of <see cref="RewardBatchScorer"/>.</summary>
public sealed record RewardBatchOptions
{
    /// <summary>Largest share of unscorable samples a batch may have and still be returned.</summary>
    /// <value>The default is 0.1: above it the batch fails and the activity is retried.</value>
    [Range(0.0, 1.0)]
    public double MaxUnscorableShare { get; init; } = 0.1;
}

/// <summary>
/// Scores many responses concurrently (the endpoint's concurrency limiter bounds the calls in flight) and decides
/// whether the batch is usable: when the unscorable share exceeds <see cref="RewardBatchOptions.MaxUnscorableShare"/>
/// it throws <see cref="UnscorableBatchException"/>; otherwise it returns every score with failures recorded.
/// </summary>
public sealed class RewardBatchScorer
{
    private readonly LlmRewardModel _rewardModel;
    private readonly RewardBatchOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the scorer.</summary>
    public RewardBatchScorer(LlmRewardModel rewardModel, RewardBatchOptions? options = null, ILogger<RewardBatchScorer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rewardModel);
        _rewardModel = rewardModel;
        _options = options ?? new RewardBatchOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Scores the batch.</summary>
    /// <exception cref="UnscorableBatchException">Too many samples could not be scored.</exception>
    public async Task<RewardBatchResult> ScoreBatchAsync(RewardBatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One coin per batch, as the paper tossed one per scoring chunk, but seeded by (run seed, step).
        var mathMode = MathModeChoice.ForBatch(_rewardModel.Options.MathMode, request.RunSeed, request.Step);
        var scores = await Task.WhenAll(request.Samples.Select(
            s => _rewardModel.ScoreAsync(request.Task, request.Rubric, s, mathMode, cancellationToken))).ConfigureAwait(false);
        var unscorable = scores.Count(s => !s.IsScored);
        LlmJudgeLogs.BatchScored(_logger, request.Step, scores.Length - unscorable, unscorable);
        if (scores.Length > 0 && (double)unscorable / scores.Length > _options.MaxUnscorableShare)
        {
            throw new UnscorableBatchException(unscorable, scores.Length, _options.MaxUnscorableShare, scores.First(s => !s.IsScored).Failure);
        }

        return new RewardBatchResult(scores, unscorable);
    }
}
