using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Core;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Llm;

/// <summary>
/// The meta-reward model over an OpenAI-compatible endpoint. Essay, summarization and ethics: for each of
/// <see cref="MetaRewardModelOptions.NumMpoSamples"/> seeded-chosen scored rollouts, analyse → refine → count →
/// criteria one by one; then merge the sets (count → merged criteria). The merged criteria become the next rubric only
/// if at least one parses into an item; otherwise the result carries no rubric and the failure, and the caller keeps
/// the current version. Math revises per-cluster guidelines instead (<c>LlmMetaRewardModel.Math.cs</c>).
/// </summary>
public sealed partial class LlmMetaRewardModel : IMetaRewardModel
{
    private readonly JudgeEndpoint _endpoint;
    private readonly MetaRewardModelOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the meta-reward model.</summary>
    public LlmMetaRewardModel(JudgeEndpoint endpoint, MetaRewardModelOptions? options = null, ILogger<LlmMetaRewardModel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = options ?? new MetaRewardModelOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<RevisionResult> ReviseAsync(RevisionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = request.Task.Name == Embedded.TaskHardRules.MathTask
            ? await ReviseMathAsync(request, cancellationToken).ConfigureAwait(false)
            : await ReviseRubricAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Rubric is null)
        {
            LlmJudgeLogs.RevisionRejected(_logger, request.Step, result.Failure ?? "unknown");
        }
        else
        {
            LlmJudgeLogs.RevisionProduced(_logger, request.Step, result.Rubric.Items.Count, request.Recent.Count);
        }

        return result;
    }

    private async Task<RevisionResult> ReviseRubricAsync(RevisionRequest request, CancellationToken cancellationToken)
    {
        // 1. Seeded choice among the scored rollouts (unscorable ones have no score to critique).
        var scored = request.Recent.Where(r => r.Score.IsScored).ToList();
        var chosen = RevisionSampling.Choose(scored.Count, _options.NumMpoSamples, request.Seed, "mrm-samples")
            .Select(i => scored[i]).ToList();
        if (chosen.Count == 0)
        {
            return new RevisionResult(null, "", "no scored rollouts to analyse");
        }

        // 2. One analyse → refine → count → criteria conversation per chosen rollout.
        var rubricText = RubricFormat.RenderForJudge(request.Current);
        var sets = await Task.WhenAll(chosen.Select(r => AnalyseAsync(request, r, rubricText, cancellationToken))).ConfigureAwait(false);
        var analysis = new StringBuilder();
        for (var k = 0; k < sets.Length; k++)
        {
            analysis.Append("## Analysis of ").Append(chosen[k].Sample.SampleId).Append('\n')
                .Append(sets[k].Failure is { } f ? $"[failed: {f}]" : sets[k].Analysis).Append("\n\n");
        }

        var usable = sets.Where(s => s.Criteria.Count > 0).ToList();
        if (usable.Count == 0)
        {
            return new RevisionResult(null, analysis.ToString(), "no analysis produced any criterion: " + (sets.Select(s => s.Failure).FirstOrDefault(f => f is not null) ?? "empty criteria"));
        }

        // 3. Merge the sets into one (count, then merged criteria one by one).
        var (merged, mergeFailure) = await MergeAsync(request, usable, cancellationToken).ConfigureAwait(false);
        if (mergeFailure is not null)
        {
            return new RevisionResult(null, analysis.ToString(), "merge: " + mergeFailure);
        }

        // 4. The new version exists only if the merged criteria parse into at least one item.
        try
        {
            var rubric = RubricFormat.Parse(RubricMerge.RenderCriteria(merged), $"MRM revision at step {request.Step}");
            return new RevisionResult(rubric, analysis.ToString());
        }
        catch (MpoInputException e)
        {
            return new RevisionResult(null, analysis.ToString(), e.Message);
        }
    }

    private sealed record CriteriaSet(string Analysis, IReadOnlyList<string> Criteria, string? Failure);

    private async Task<CriteriaSet> AnalyseAsync(RevisionRequest request, ScoredSample rollout, string rubricText, CancellationToken cancellationToken)
    {
        var limits = _endpoint.Options.MaxTokens;
        var conversation = new JudgeConversation(_endpoint)
            .System(request.Task.MetaRewardModelPersona)
            .User(MetaRewardModelPrompts.Analyze(
                request.Task.TaskDescription, rollout.Sample.Prompt, rollout.Sample.Response, rubricText,
                rollout.Score.Reward.ToString("0.###", CultureInfo.InvariantCulture), _options.MaxWords));
        var analysis = "";
        try
        {
            analysis = await conversation.GenerateAsync(new JudgeTurn("analysis", limits.Analysis, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
            conversation.User(MetaRewardModelPrompts.RefineTurn).User(MetaRewardModelPrompts.CountTurn);
            var (criteria, failure) = await CriteriaAsync(conversation, MetaRewardModelPrompts.CriterionTurn, "criterion", cancellationToken).ConfigureAwait(false);
            return new CriteriaSet(analysis, criteria, failure);
        }
        catch (JudgeCallException e)
        {
            return new CriteriaSet(analysis, [], e.Message);
        }
    }

    private async Task<(IReadOnlyList<string> Items, string? Failure)> MergeAsync(
        RevisionRequest request, IReadOnlyList<CriteriaSet> sets, CancellationToken cancellationToken)
    {
        var joined = new List<string>();
        var words = 0;
        for (var k = 0; k < sets.Count; k++)
        {
            var set = $"Junior Instructor's Scoring Criteria Set #{k + 1}:\n{RubricMerge.RenderCriteria(sets[k].Criteria)}";
            var setWords = TextMeasures.Words(set);
            if (words + setWords > _options.MergeWordLimit && joined.Count > 0)
            {
                break;
            }

            joined.Add(set);
            words += setWords;
        }

        var conversation = new JudgeConversation(_endpoint)
            .System(request.Task.MetaRewardModelPersona)
            .User(MetaRewardModelPrompts.MergeTurn(string.Join(MetaRewardModelPrompts.SetSeparator, joined)))
            .User(MetaRewardModelPrompts.MergeCountTurn);
        try
        {
            return await CriteriaAsync(conversation, MetaRewardModelPrompts.MergedCriterionTurn, "merged-criterion", cancellationToken).ConfigureAwait(false);
        }
        catch (JudgeCallException e)
        {
            return ([], e.Message);
        }
    }

    /// <summary>Count turn (already asked), then one turn per criterion up to the cap and the context guard.</summary>
    private async Task<(IReadOnlyList<string> Items, string? Failure)> CriteriaAsync(
        JudgeConversation conversation, Func<int, string> request, string kind, CancellationToken cancellationToken)
    {
        var limits = _endpoint.Options.MaxTokens;
        var countReply = await conversation.GenerateAsync(new JudgeTurn("count", limits.Score, Regex: @"\d+"), cancellationToken).ConfigureAwait(false);
        if (!ScoreParser.TryParse(countReply, null, out var count, out var failure))
        {
            return ([], "criteria count: " + failure);
        }

        count = Math.Min(count, _options.MaxItems);
        var replies = new List<string>(count);
        conversation.User(MetaRewardModelPrompts.ItemsIntro);
        for (var i = 1; i <= count; i++)
        {
            if (conversation.WordCount * 1.5 >= _options.ContextTokenLimit)
            {
                break;
            }

            conversation.User(request(i));
            replies.Add(await conversation.GenerateAsync(new JudgeTurn(kind, limits.Item, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false));
        }

        var items = RubricMerge.CleanCriteria(replies);
        return (items, items.Count == 0 ? $"the count was {count} but no criterion had text" : null);
    }
}
