using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Embedded.Checks;
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
/// Every response also passes the <see cref="PromptInjectionDetector"/> (<see cref="InjectionScreen"/>, shared with the
/// embedded judge): the verdict is counted, and a flagged response is flagged and penalised by
/// <see cref="RewardModelOptions.InjectionPenalty"/> after scoring. The response is delimited and escaped in every
/// prompt (<see cref="JudgePromptEscaping"/>), so the judge also sees it as data.
/// </remarks>
public sealed partial class LlmRewardModel : IRewardModel
{
    private readonly JudgeEndpoint _endpoint;
    private readonly RewardModelOptions _options;
    private readonly ILogger _logger;
    private readonly InjectionStatistics? _injections;

    /// <summary>Creates the reward model.</summary>
    /// <param name="endpoint">The judge endpoint.</param>
    /// <param name="options">Options; defaults when <c>null</c>.</param>
    /// <param name="logger">Logger, or <c>null</c>.</param>
    /// <param name="injections">Counters to record injection verdicts in, or <c>null</c>.</param>
    public LlmRewardModel(
        JudgeEndpoint endpoint, RewardModelOptions? options = null, ILogger<LlmRewardModel>? logger = null, InjectionStatistics? injections = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = options ?? new RewardModelOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _injections = injections;
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
        var verdict = InjectionScreen.Inspect(sample.Response, _injections);
        var score = task.Name switch
        {
            TaskHardRules.MathTask => await ScoreMathAsync(rubric, sample, mathMode, cancellationToken).ConfigureAwait(false),
            TaskHardRules.EthicsTask when TaskHardRules.Apply(task.Name, sample) is { } rule =>
                new SampleScore(sample.SampleId, rule.Reward, [new ItemScore($"{TaskHardRules.Flag}:{rule.Rule}", rule.Reward, rule.Explanation)], Flags: [TaskHardRules.Flag]),
            _ => await ScoreItemsAsync(task, rubric, sample, cancellationToken).ConfigureAwait(false),
        };
        score = InjectionScreen.Penalise(score, verdict, _options.InjectionPenalty, RewardFloor(task.Name, rubric));
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
            var range = ScoreRange.FromText(item.Text);
            string? rationale = null;
            string? failure;
            try
            {
                conversation.User(RewardModelPrompts.ItemRequest(i + 1, item.Text));
                rationale = await conversation.GenerateAsync(new JudgeTurn("rationale", limits.Rationale, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
                conversation.User(RewardModelPrompts.ScoreTurn);
                var reply = await conversation.GenerateAsync(new JudgeTurn("score", limits.Score, Regex: range is { Min: < 0 } ? @"-?\d+" : @"\d+"), cancellationToken).ConfigureAwait(false);
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

    /// <summary>The lowest reward the rubric allows on the reward's scale (the embedded judge's <see cref="RubricScale"/>).</summary>
    private double RewardFloor(string taskName, Rubric rubric)
    {
        if (taskName == TaskHardRules.MathTask)
        {
            return 0;
        }

        try
        {
            var scale = RubricScale.Of(rubric);
            return _options.Normalization == RewardNormalization.RubricMaximum && scale.Maximum > 0 ? scale.Minimum / scale.Maximum : scale.Minimum;
        }
        catch (CheckSyntaxException)
        {
            // An LLM judge ignores checks; a malformed one must not stop scoring. Items without a known range add 0.
            return 0;
        }
    }

    private static SampleScore Unscorable(JudgeSample sample, IReadOnlyList<ItemScore> items, string failure) =>
        new(sample.SampleId, double.NaN, items, failure);
}
