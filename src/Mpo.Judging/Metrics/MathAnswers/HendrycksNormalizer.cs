using System.Text;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Metrics.MathAnswers;

/// <summary>
/// The Hendrycks MATH answer normalisation (<c>strip_string</c>), step by step in the original order, including its
/// quirks: it is string rewriting, not mathematics (<c>0.25</c> never equals <c>\frac14</c>). Lengths and single
/// characters are counted in Unicode code points, as Python does.
/// </summary>
public static partial class HendrycksNormalizer
{
    /// <summary>
    /// Normalises one answer. Throws <see cref="FormatException"/> where the original raises (two <c>\text{ </c> units,
    /// a <c>\sqrt</c> or <c>\frac</c> with nothing after it); <see cref="MathEquivalence.IsEquivalent"/> then compares the
    /// raw strings, as the original's <c>except</c> does.
    /// </summary>
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var s = answer.Replace("\n", "");                                      // 1. line breaks
        s = s.Replace("\\!", "");                                              // 2. negative thin space
        s = s.Replace("\\\\", "\\");                                           // 3. double backslash
        s = s.Replace("tfrac", "frac").Replace("dfrac", "frac");               // 4. \tfrac, \dfrac
        s = s.Replace("\\left", "").Replace("\\right", "");                    // 5. \left, \right
        s = s.Replace("^{\\circ}", "").Replace("^\\circ", "");                 // 6. degrees
        s = s.Replace("\\$", "");                                              // 7. escaped dollars
        s = RemoveRightUnits(s);                                               // 8. "\text{ unit}"
        s = s.Replace("\\%", "");                                              // 9. escaped percent
        s = s.Replace(" .", " 0.").Replace("{.", "{0.");                       // 10. leading zeros
        if (s.Length == 0)
        {
            return s;
        }

        if (s[0] == '.')
        {
            s = "0" + s;
        }

        var sides = s.Split('=');                                              // 11. short left-hand side
        if (sides.Length == 2 && CodePointCount(sides[0]) <= 2)
        {
            s = sides[1];
        }

        s = FixSqrt(s);                                                        // 12. \sqrt3 -> \sqrt{3}
        s = s.Replace(" ", "");                                                // 13. spaces
        s = FixFracs(s);                                                       // 14. \frac12 -> \frac{1}{2}
        if (s == "0.5")                                                        // 15. 0.5 -> \frac{1}{2}
        {
            s = "\\frac{1}{2}";
        }

        return FixSlash(s);                                                    // 16. a/b -> \frac{a}{b}
    }

    /// <summary>Keeps what precedes <c>\text{ </c>; the original asserts exactly one occurrence.</summary>
    private static string RemoveRightUnits(string s)
    {
        if (!s.Contains("\\text{ ", StringComparison.Ordinal))
        {
            return s;
        }

        var parts = s.Split("\\text{ ");
        return parts.Length == 2
            ? parts[0]
            : throw new FormatException("more than one \"\\text{ \" unit in the answer");
    }

    private static string FixSqrt(string s)
    {
        if (!s.Contains("\\sqrt", StringComparison.Ordinal))
        {
            return s;
        }

        var parts = s.Split("\\sqrt");
        var sb = new StringBuilder(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            if (part.Length == 0)
            {
                throw new FormatException("\\sqrt at the end of the answer");
            }

            if (part[0] != '{')
            {
                int n = FirstCodePointLength(part, 0);
                sb.Append("\\sqrt{").Append(part, 0, n).Append('}').Append(part, n, part.Length - n);
            }
            else
            {
                sb.Append("\\sqrt").Append(part);
            }
        }

        return sb.ToString();
    }

    private static string FixFracs(string s)
    {
        var parts = s.Split("\\frac");
        var sb = new StringBuilder(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            sb.Append("\\frac");
            if (part.Length == 0)
            {
                throw new FormatException("\\frac at the end of the answer");
            }

            if (part[0] == '{')
            {
                sb.Append(part);
                continue;
            }

            if (CodePointCount(part) < 2)
            {
                return s;   // the original gives up and returns its input unchanged
            }

            int aLength = FirstCodePointLength(part, 0);
            int bLength = FirstCodePointLength(part, aLength);
            var a = part[..aLength];
            var b = part.Substring(aLength, bLength);
            var rest = part[(aLength + bLength)..];
            sb.Append('{').Append(a).Append('}');
            sb.Append(b != "{" ? "{" + b + "}" : b).Append(rest);
        }

        return sb.ToString();
    }

    /// <summary><c>a/b</c> of two integers written in Python's canonical <c>int</c> form becomes <c>\frac{a}{b}</c>.</summary>
    private static string FixSlash(string s)
    {
        var parts = s.Split('/');
        if (parts.Length != 2 || !CanonicalInteger().IsMatch(parts[0]) || !CanonicalInteger().IsMatch(parts[1]))
        {
            return s;
        }

        return "\\frac{" + parts[0] + "}{" + parts[1] + "}";
    }

    private static int FirstCodePointLength(string s, int index) =>
        char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]) ? 2 : 1;

    private static int CodePointCount(string s)
    {
        int count = 0;
        for (int i = 0; i < s.Length; i += FirstCodePointLength(s, i))
        {
            count++;
        }

        return count;
    }

    // Python's str(int(x)) == x: no sign but '-', no leading zeros, no "-0", no spaces or underscores, ASCII digits.
    [GeneratedRegex("^(0|-?[1-9][0-9]*)$")]
    private static partial Regex CanonicalInteger();
}
