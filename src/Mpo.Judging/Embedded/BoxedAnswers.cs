using System.Text;

namespace Mpo.Judging.Embedded;

/// <summary>
/// The embedded judge's boxed-answer comparison for <c>boxed_equals_gold</c> and the math hard rule. It extracts the
/// first <c>\boxed{…}</c> with brace matching and compares after a light normalisation (spaces, <c>\left</c>/<c>\right</c>,
/// <c>\dfrac</c>/<c>\tfrac</c>, a trailing period, <c>^\circ</c>, <c>\$</c>). The canonical MATH extraction and the full
/// Hendrycks <c>is_equiv</c> belong to the task metrics (<c>Tasks/MathAnswers</c>); this class is the single seam the
/// embedded judge calls, so it can be pointed at that implementation without touching the checks.
/// </summary>
public static class BoxedAnswers
{
    private const string Opener = "\\boxed{";

    /// <summary>The content of the first <c>\boxed{…}</c> (brace-matched), or <c>null</c> when there is none or it is unclosed.</summary>
    public static string? FirstBoxed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int start = text.IndexOf(Opener, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        int depth = 1;
        for (int i = start + Opener.Length; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return text[(start + Opener.Length)..i];
            }
        }

        return null;
    }

    /// <summary>The response with the first boxed answer's text and its <c>\boxed{</c> opener removed (the paper's "rationale").</summary>
    public static string Rationale(string text)
    {
        var answer = FirstBoxed(text);
        var rationale = answer is null ? text : text.Replace(answer, "", StringComparison.Ordinal);
        return rationale.Replace(Opener, "", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="answer"/> equals <paramref name="gold"/> after normalisation; an empty answer never does.</summary>
    public static bool Equivalent(string? answer, string gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return false;
        }

        return Normalize(answer) == Normalize(gold);
    }

    private static string Normalize(string s)
    {
        var sb = new StringBuilder(s);
        sb.Replace("\\left", "").Replace("\\right", "").Replace("\\!", "").Replace("\\dfrac", "\\frac").Replace("\\tfrac", "\\frac")
          .Replace("^\\circ", "").Replace("^{\\circ}", "").Replace("\\$", "").Replace("$", "");
        var noSpaces = new string(sb.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
        return noSpaces.TrimEnd('.');
    }
}
