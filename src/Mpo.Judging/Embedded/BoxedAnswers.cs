using Mpo.Judging.Metrics.MathAnswers;

namespace Mpo.Judging.Embedded;

/// <summary>
/// The embedded judge's seam for boxed answers (<c>boxed_equals_gold</c> and the math hard rule). It uses the task
/// metrics' canonical first-box extraction and Hendrycks <c>is_equiv</c>, with spaces removed from both sides as the
/// paper's rule-based reward does.
/// </summary>
public static class BoxedAnswers
{
    private const string Opener = "\\boxed{";

    /// <summary>The content of the first <c>\boxed{…}</c> (brace-matched), or <c>null</c> when there is none.</summary>
    public static string? FirstBoxed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BoxedAnswer.ExtractFirst(text);
    }

    /// <summary>The response with the first boxed answer's text and its <c>\boxed{</c> opener removed (the paper's "rationale").</summary>
    public static string Rationale(string text)
    {
        var answer = FirstBoxed(text);
        var rationale = string.IsNullOrEmpty(answer) ? text : text.Replace(answer, "", StringComparison.Ordinal);
        return rationale.Replace(Opener, "", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="answer"/> is <c>is_equiv</c> to <paramref name="gold"/> without spaces; an empty answer never is.</summary>
    public static bool Equivalent(string? answer, string gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return false;
        }

        return MathEquivalence.IsEquivalent(answer.Replace(" ", ""), gold.Trim().Replace(" ", ""));
    }
}
