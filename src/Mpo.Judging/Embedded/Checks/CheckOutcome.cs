namespace Mpo.Judging.Embedded.Checks;

/// <summary>The result of running an item's check on one response.</summary>
/// <param name="Score">The integer score in the check's range.</param>
/// <param name="Explanation">One sentence saying what was measured and why the score follows.</param>
/// <param name="Passed">For a pass/fail check, whether it passed; <c>null</c> for a <c>scale</c> check.</param>
public sealed record CheckOutcome(int Score, string Explanation, bool? Passed);

/// <summary>A check that cannot be evaluated on a sample (for example <c>boxed_equals_gold</c> without a gold answer).</summary>
public sealed class CheckEvaluationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CheckEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CheckEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
