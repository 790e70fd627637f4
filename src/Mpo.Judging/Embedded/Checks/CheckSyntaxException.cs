using Mpo.Core;

namespace Mpo.Judging.Embedded.Checks;

/// <summary>A check text that does not parse; the message names the 1-based column and what was expected.</summary>
public sealed class CheckSyntaxException : MpoInputException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="check">The check text.</param>
    /// <param name="column">1-based column of the problem.</param>
    /// <param name="problem">What is wrong.</param>
    public CheckSyntaxException(string check, int column, string problem)
        : base($"check \"{check}\": column {column}: {problem}")
    {
        Column = column;
        Problem = problem;
    }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
