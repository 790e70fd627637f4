using System.Globalization;
using System.Text;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Llm;

/// <summary>
/// The math MRM: per (domain, cluster) present in the recent rollouts, up to <c>3 × MathCasesPerThird</c> seeded
/// cases drawn from the thirds of the rollouts sorted by score, each showing the RM's plan and execution; one
/// analyse → refine conversation rewrites that cluster's guidelines. No merge.
/// </summary>
public sealed partial class LlmMetaRewardModel
{
    private async Task<RevisionResult> ReviseMathAsync(RevisionRequest request, CancellationToken cancellationToken)
    {
        var groups = request.Recent.Where(r => r.Score.IsScored)
            .GroupBy(r => MathGuidelines.KeyOf(r.Sample))
            .OrderBy(g => g.Key.Domain, StringComparer.Ordinal).ThenBy(g => g.Key.Cluster, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0)
        {
            return new RevisionResult(null, "", "no scored rollouts to analyse");
        }

        var outcomes = await Task.WhenAll(groups.Select(g => ReviseClusterAsync(request, g.Key, [.. g], cancellationToken))).ConfigureAwait(false);
        var analysis = new StringBuilder();
        var items = request.Current.Items.ToList();
        var revised = 0;
        foreach (var (key, text, clusterAnalysis, failure) in outcomes)
        {
            analysis.Append("## Cluster ").Append(key).Append('\n').Append(failure is null ? clusterAnalysis : $"[failed: {failure}]").Append("\n\n");
            if (failure is not null)
            {
                continue;
            }

            var item = new RubricItem(key, text);
            var at = items.FindIndex(i => i.Id == key);
            if (at >= 0)
            {
                items[at] = item;
            }
            else
            {
                items.Add(item);
            }

            revised++;
        }

        return revised == 0
            ? new RevisionResult(null, analysis.ToString(), "no cluster's guidelines were revised: " + outcomes.First(o => o.Failure is not null).Failure)
            : new RevisionResult(new Rubric(items), analysis.ToString());
    }

    private async Task<(string Key, string Text, string Analysis, string? Failure)> ReviseClusterAsync(
        RevisionRequest request, (string Domain, string Cluster) key, IReadOnlyList<ScoredSample> rollouts, CancellationToken cancellationToken)
    {
        var id = MathGuidelines.ItemId(key.Domain, key.Cluster);
        var cases = MathCases(rollouts, request.Seed, id);
        var guidelines = MathGuidelines.For(request.Current, cases.Count > 0 ? cases[0].Sample : rollouts[0].Sample);
        var rendered = string.Join("\n\n", cases.Select((c, i) => MathJudgePrompts.Case(
            i + 1, c.Sample.Prompt, c.Sample.Response, MathGuidelines.Field(c.Sample, MathGuidelines.SolutionField) ?? "",
            string.Join("\n", c.Score.Items.Select(item => item.Rationale)), c.Score.Reward.ToString("0.###", CultureInfo.InvariantCulture))));
        var limit = _endpoint.Options.MaxTokens.MathAnalysis;
        var conversation = new JudgeConversation(_endpoint)
            .System(MathJudgePrompts.Role)
            .User(MathJudgePrompts.Analyze(rendered, guidelines, _options.MaxWords));
        try
        {
            var analysis = await conversation.GenerateAsync(new JudgeTurn("math-analysis", limit, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
            conversation.User(MathJudgePrompts.AnalysisEcho(analysis)).User(MathJudgePrompts.Refine(_options.MaxWords));
            var refined = await conversation.GenerateAsync(new JudgeTurn("math-refinement", limit, JudgeTurn.StopAtEndMarker), cancellationToken).ConfigureAwait(false);
            return refined.Length == 0 ? (id, "", analysis, "empty refinement") : (id, refined, analysis, null);
        }
        catch (JudgeCallException e)
        {
            return (id, "", "", e.Message);
        }
    }

    /// <summary>
    /// The paper's case draw: sort by score, cut into three contiguous near-equal thirds, draw k from each (k shrinks
    /// for good once a third is smaller); fewer than 3 rollouts are all used.
    /// </summary>
    internal IReadOnlyList<ScoredSample> MathCases(IReadOnlyList<ScoredSample> rollouts, long seed, string purpose)
    {
        var sorted = rollouts.OrderBy(r => r.Score.Reward).ThenBy(r => r.Sample.SampleId, StringComparer.Ordinal).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }

        var cases = new List<ScoredSample>();
        var k = _options.MathCasesPerThird;
        var start = 0;
        for (var third = 0; third < 3; third++)
        {
            var size = (sorted.Count / 3) + (third < sorted.Count % 3 ? 1 : 0);
            k = Math.Min(k, size);
            cases.AddRange(RevisionSampling.Choose(size, k, seed, $"{purpose}|third{third}").Select(i => sorted[start + i]));
            start += size;
        }

        return cases;
    }
}
