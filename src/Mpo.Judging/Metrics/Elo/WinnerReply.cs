using System.Text.RegularExpressions;

namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// Parses a pairwise judge's reply as the paper's script does: the reply is lower-cased and searched for a
/// <c>&lt;winner&gt;…&lt;/winner&gt;</c> span (greedy, across line breaks); the winner is the contestant whose
/// lower-cased label occurs inside the span, the first-shown label checked first.
/// </summary>
public static partial class WinnerReply
{
    /// <summary>Returns <paramref name="labelFirst"/>, <paramref name="labelSecond"/> or <c>null</c> (unparsable: skip the match).</summary>
    /// <param name="reply">The judge's raw reply.</param>
    /// <param name="labelFirst">Anonymous label of the first-shown response (e.g. <c>ModelA</c>).</param>
    /// <param name="labelSecond">Anonymous label of the second-shown response.</param>
    public static string? Parse(string? reply, string labelFirst, string labelSecond)
    {
        ArgumentNullException.ThrowIfNull(labelFirst);
        ArgumentNullException.ThrowIfNull(labelSecond);
        if (reply is null)
        {
            return null;
        }

        var span = WinnerSpan().Match(reply.ToLowerInvariant());
        if (!span.Success)
        {
            return null;
        }

        var inside = span.Groups[1].Value;
        if (inside.Contains(labelFirst.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return labelFirst;
        }

        return inside.Contains(labelSecond.ToLowerInvariant(), StringComparison.Ordinal) ? labelSecond : null;
    }

    [GeneratedRegex("<winner>(.*)</winner>", RegexOptions.Singleline)]
    private static partial Regex WinnerSpan();
}
