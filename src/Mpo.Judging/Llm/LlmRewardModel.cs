using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Llm;

/// <summary>
/// The reward model over an OpenAI-compatible endpoint. Essay, summarization and ethics: one conversation per
/// response with a rationale turn and an integer score turn per rubric item; reward = Σ item scores (optionally
/// normalised). Ethics first applies the paper's hard rules (−10 without a judge call). Math uses the rule-based
/// answer check or the plan → execute → score conversation, chosen by <see cref="RewardModelOptions.MathMode"/>.
/// </summary>
/// <remarks>
/// A response that cannot be scored (a call failed after retries, a reply without an integer, a score outside the
/// item's declared range) gets <see cref="SampleScore.Reward"/> NaN and a <see cref="SampleScore.Failure"/> naming
/// the item and cause; it is never scored 0. The paper's code scored such responses 0.
/// </remarks>
public sealed partial class LlmRewardModel : IRewardModel
{
    private readonly JudgeEndpoint _endpoint;
    private readonly RewardModelOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the reward model.</summary>
    public LlmRewardModel(JudgeEndpoint endpoint, RewardModelOptions? options = null, ILogger<LlmRewardModel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = options ?? new RewardModelOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The options in force.</summary>
    public RewardModelOptions Options => _options;

    /// <inheritdoc />
    /// <remarks>In <see cref="MathMode.Mixed"/> the coin is drawn from the run seed and the sample id; batches draw it
    /// once from (run seed, step) through the overload taking a <see cref="MathMode"/>.</remarks>
    public Task<SampleScore> ScoreAsync(TaskDefinition task, Rubric rubric, JudgeSample sample, CancellationToken cancellationToken = default) =>
        ScoreAsync(task, rubric, sample, MathModeChoice.ForSample(_options.MathMode, _options.RunSeed, sample?.SampleId ?? ""), cancellationToken);

    /// <summary>Scores one response; math responses use <paramref name="mathMode"/> (Answer or Reasoning).</summary>
    public async Task<SampleScore> ScoreAsync(
        TaskDefinition task, Rubric rubric, JudgeSample sample, MathMode mathMode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(sample);
        var score = task.Name switch
        {
            TaskHardRules.Math => await ScoreMathAsync(rubric, sample, mathMode, cancellationToken).ConfigureAwait(false),
            TaskHardRules.Ethics when TaskHardRules.EthicsViolation(sample.Response) is { } violation =>
                new SampleScore(sample.SampleId, TaskHardRules.EthicsPenalty, [new ItemScore("rule:ethics", TaskHardRules.EthicsPenalty, violation)]),
            _ => await ScoreItemsAsync(task, rubric, sample, cancellationToken).ConfigureAwait(false),
        };
        if (!score.IsScored)
        {
            LlmJudgeLogs.SampleUnscorable(_logger, sample.SampleId, score.Failure ?? "unknown");
        }

        return score;
    }

    /// <summary>The per-item conversation; stops at the first failed item (the sample is unscorable then).</summary>
    private async Task<SampleScore> ScoreItemsAsync(TaskDefinition task, Rubric rubric, JudgeSample sample, CancellationToken cancellationToken)
    {
        var limits = _endpoint.Options.MaxTokens;
        var conversation = new JudgeConversation(_endpoint)
            .System(task.RewardModelPersona)
            .User(RewardModelPrompts.Header(task, sample));
        var items = new List<ItemScore>(rubric.Items.Count);
        double total = 0, maximum = 0;
        for (var i = 0; i < rubric.Items.Count; i++)
        {
            var item = rubric.Items[i];
            var range = ScoreRange.Declared(item.Text);
            string? rationale = null;
            string? failure;
            try
            {
                conversation.User(RewardModelPrompts.ItemRequest(i + 1, item.Text));
                rationale = await conversation.GenerateAsync(new JudgeTurn("rationale", limits.Rationale, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
                conversation.User(RewardModelPrompts.ScoreTurn);
                var reply = await conversation.GenerateAsync(new JudgeTurn("score", limits.Score, Regex: @"\d+"), cancellationToken).ConfigureAwait(false);
                if (ScoreParser.TryParse(reply, range, out var value, out failure))
                {
                    items.Add(new ItemScore(item.Id, value, rationale));
                    total += value;
                    maximum += range?.Max ?? double.NaN;
                    continue;
                }
            }
            catch (JudgeCallException e)
            {
                failure = e.Message;
            }

            items.Add(new ItemScore(item.Id, null, rationale, failure));
            return Unscorable(sample, items, $"item #{i + 1} ({item.Id}): {failure}");
        }

        if (_options.Normalization == RewardNormalization.RubricMaximum)
        {
            if (double.IsNaN(maximum) || maximum <= 0)
            {
                return Unscorable(sample, items, "normalisation by the rubric maximum needs every item to declare a positive maximum score");
            }

            total /= maximum;
        }

        return new SampleScore(sample.SampleId, total, items);
    }

    private static SampleScore Unscorable(JudgeSample sample, IReadOnlyList<ItemScore> items, string failure) =>
        new(sample.SampleId, double.NaN, items, failure);
}
