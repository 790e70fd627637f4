namespace Mpo.Judging.Metrics.MathAnswers;

/// <summary>
/// Final-answer extraction as the paper's code does it: the content of the <b>first</b> <c>\boxed{</c>, with brace
/// matching so nested groups such as <c>\frac{1}{2}</c> stay intact. Why first and not Hendrycks' last box: the
/// paper's gold answers were made this way, and the two differ on 48 of the 12,500 MATH solutions.
/// </summary>
public static class BoxedAnswer
{
    private const string Opener = "\\boxed{";

    /// <summary>
    /// The text between the first <c>\boxed{</c> and its matching <c>}</c>; everything after the opener when the
    /// braces never balance; <c>null</c> when there is no <c>\boxed{</c> (<c>\boxed {</c> and <c>\fbox</c> are not
    /// recognised). The content is returned as written, not trimmed.
    /// </summary>
    public static string? ExtractFirst(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int start = text.IndexOf(Opener, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        int contentStart = start + Opener.Length;
        int depth = 1;
        for (int i = contentStart; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return text[contentStart..i];
            }
        }

        return text[contentStart..];
    }
}
