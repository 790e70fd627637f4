namespace Mpo.Judging.Metrics.MathAnswers;

/// <summary>
/// MATH answer checking as the paper evaluates it: extract the first boxed answer and compare it to the gold answer
/// with Hendrycks' <c>is_equiv</c> (string equality after <see cref="HendrycksNormalizer"/>).
/// </summary>
public static class MathEquivalence
{
    /// <summary>
    /// Hendrycks <c>is_equiv</c>: both missing → equal; one missing → not equal; otherwise equality of the normalised
    /// strings, or of the raw strings when normalising either side fails.
    /// </summary>
    public static bool IsEquivalent(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        try
        {
            return HendrycksNormalizer.Normalize(a) == HendrycksNormalizer.Normalize(b);
        }
        catch (FormatException)
        {
            return a == b;
        }
    }

    /// <summary>
    /// Whether a response's first boxed answer is equivalent to <paramref name="gold"/>. A response without a boxed
    /// answer is wrong. With <paramref name="removeSpaces"/> all spaces are removed from both sides first, as the
    /// paper's rule-based reward does; the evaluation script compares them as they are.
    /// </summary>
    public static bool IsCorrect(string response, string gold, bool removeSpaces = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(gold);
        var answer = BoxedAnswer.ExtractFirst(response);
        if (answer is null)
        {
            return false;
        }

        return removeSpaces
            ? IsEquivalent(answer.Replace(" ", ""), gold.Replace(" ", ""))
            : IsEquivalent(answer, gold);
    }

    /// <summary>Share of responses whose first boxed answer matches the gold answer (0 for no pairs).</summary>
    public static double Accuracy(IReadOnlyList<(string Response, string Gold)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Count == 0 ? 0.0 : (double)pairs.Count(p => IsCorrect(p.Response, p.Gold)) / pairs.Count;
    }
}
