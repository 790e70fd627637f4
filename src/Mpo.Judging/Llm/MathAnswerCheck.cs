using System.Text;

namespace Mpo.Judging.Llm;

/// <summary>
/// The rule-based math reward: the first <c>\boxed{…}</c> (brace-matched) equal to the gold answer after space
/// removal and light normalisation → 5, else 0.
/// </summary>
/// <remarks>
/// Minimal private version: the "metrics" helper owns MATH answer extraction and the full Hendrycks
/// <c>is_equiv</c>; at merge, <see cref="FirstBoxed"/> and <see cref="Equivalent"/> should delegate to it.
/// </remarks>
public static class MathAnswerCheck
{
    /// <summary>Score of a correct boxed answer: 5 (the paper's).</summary>
    public const int Correct = 5;

    /// <summary>The content of the first <c>\boxed{…}</c> or <c>\fbox{…}</c>, or <c>null</c>.</summary>
    public static string? FirstBoxed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.IndexOf("\\boxed{", StringComparison.Ordinal);
        var open = "\\boxed{".Length;
        if (start < 0)
        {
            start = text.IndexOf("\\fbox{", StringComparison.Ordinal);
            open = "\\fbox{".Length;
        }

        if (start < 0)
        {
            return null;
        }

        var depth = 1;
        for (var i = start + open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(start + open)..i];
            }
        }

        return null;
    }

    /// <summary>Whether two answers match after removing spaces and common LaTeX variations.</summary>
    public static bool Equivalent(string answer, string gold) =>
        Normalize(answer) is { Length: > 0 } a && a == Normalize(gold);

    private static string Normalize(string s)
    {
        var sb = new StringBuilder(s);
        foreach (var (from, to) in new[] { ("\\left", ""), ("\\right", ""), ("\\!", ""), ("dfrac", "frac"), ("tfrac", "frac"), ("^{\\circ}", ""), ("^\\circ", ""), ("\\$", ""), ("$", "") })
        {
            sb.Replace(from, to);
        }

        var flat = new string(sb.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray()).TrimEnd('.');
        return flat.StartsWith("0.", StringComparison.Ordinal) ? flat : flat.StartsWith('.') ? "0" + flat : flat;
    }
}
