using Mpo.Judging.Rubrics;
using System.Globalization;
using Mpo.Judging.Embedded;
using Mpo.Judging.Llm;

namespace Mpo.JudgeServer;

/// <summary>
/// A deterministic judge from simple rules, enough to drive every protocol turn: item scores grow with the
/// response's word count (one point per <see cref="WordsPerPoint"/> words, clamped to the item's declared range or
/// 0–5), math scores reward a boxed answer, and the MRM writes fixed, numbered criteria. Rationales and free-text
/// turns end with the end marker, which the server's stop handling cuts off.
/// </summary>
public sealed class RuleBasedResponder : IJudgeResponder
{
    /// <summary>Words per score point.</summary>
    public const int WordsPerPoint = 20;

    /// <summary>Criteria the MRM asks for (refined and merged).</summary>
    public int CriteriaCount { get; init; } = 2;

    /// <inheritdoc />
    public ValueTask<string> RespondAsync(JudgeTurnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var words = TextMeasures.Words(request.Response ?? "");
        var n = (request.Number ?? 0).ToString(CultureInfo.InvariantCulture);
        var text = request.Kind switch
        {
            JudgeTurnKind.Rationale => $"The response has {words} words and is judged on item {n} by its length. <EOE>",
            JudgeTurnKind.Score => ScoreFor(words, request.ItemText).ToString(CultureInfo.InvariantCulture),
            JudgeTurnKind.Analyze => $"The junior score looks generous for a response of {words} words; the criteria should reward substance and penalise padding. <EOE>",
            JudgeTurnKind.Count or JudgeTurnKind.MergeCount => CriteriaCount.ToString(CultureInfo.InvariantCulture),
            JudgeTurnKind.Criterion => $"### Requirement {n}\n- +2: the response fulfils requirement {n} of the task, for example by answering it directly.\n- -2: the response ignores requirement {n}. <EOE>",
            JudgeTurnKind.MergedCriterion => $"### Merged requirement {n}\n- 0 to 5: how fully the response fulfils requirement {n}, for example a direct answer scores 5. <EOE>",
            JudgeTurnKind.MathPlan => "1. Find the final boxed answer. 2. Compare it with the reference solution's answer. 3. Check each step. <EOE>",
            JudgeTurnKind.MathExecute => $"The response gives {(HasBox(request.Response) ? "a boxed" : "no boxed")} answer over {words} words. <EOE>",
            JudgeTurnKind.MathScore => HasBox(request.Response) ? "5" : "1",
            JudgeTurnKind.MathAnalyze => "The grader rewarded boxed answers consistently but did not check intermediate steps. <EOE>",
            JudgeTurnKind.MathRefine => "Check the boxed answer against the reference, then verify every intermediate step; deduct for unjustified steps. <EOE>",
            _ => "I cannot tell what is being asked. <EOE>",
        };
        return ValueTask.FromResult(text);
    }

    /// <summary>The score for a response of <paramref name="words"/> words on an item.</summary>
    public static int ScoreFor(int words, string? itemText)
    {
        var range = itemText is null ? null : ScoreRange.FromText(itemText);
        var (min, max) = range is null ? (0, 5) : (range.Min, range.Max);
        return Math.Clamp(words / WordsPerPoint, min, max);
    }

    private static bool HasBox(string? response) => response?.Contains("\\boxed{", StringComparison.Ordinal) == true;
}
