using System.Globalization;

namespace Mpo.Judging.Embedded.Checks;

/// <summary>Writes a <see cref="Check"/> back as canonical check text; <c>Parse(Render(c)) == c</c>.</summary>
public static class CheckRenderer
{
    /// <summary>The canonical text of <paramref name="check"/>.</summary>
    public static string Render(Check check) => check switch
    {
        ConditionCheck c => c.Score is null ? Render(c.Condition) : $"{Render(c.Condition)} score {c.Score.Min}..{c.Score.Max}",
        ScaleCheck s => $"scale {Render(s.Measure)} from {Number(s.From)} to {Number(s.To)} score {s.Score.Min}..{s.Score.Max}",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "unknown check"),
    };

    /// <summary>The canonical text of a condition.</summary>
    public static string Render(CheckCondition condition) => condition switch
    {
        // Left-associative: a right operand of the same operator needs parentheses to keep its shape.
        OrCondition o => $"{Render(o.Left)} or {Wrap(o.Right, o.Right is OrCondition)}",
        AndCondition a => $"{Wrap(a.Left, a.Left is OrCondition)} and {Wrap(a.Right, a.Right is OrCondition or AndCondition)}",
        NotCondition n => $"not {Wrap(n.Inner, n.Inner is OrCondition or AndCondition)}",
        CompareCondition c => $"{Render(c.Measure)} {Op(c.Op)} {Number(c.Value)}",
        BetweenCondition b => $"{Render(b.Measure)} between {Number(b.Low)} and {Number(b.High)}",
        RegexCondition r => $"regex {Quote(r.Pattern)} must {(r.MustMatch ? "" : "not ")}match",
        EndsWithCondition e => $"ends_with {Quote(e.Suffix)}",
        FlagCondition f => Flag(f.Flag),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition"),
    };

    /// <summary>The text of a measure, e.g. <c>distinct(2)</c>.</summary>
    public static string Render(Measure measure)
    {
        var name = measure.Kind switch
        {
            MeasureKind.Words => "words",
            MeasureKind.Chars => "chars",
            MeasureKind.MaxRepeatedNgram => "max_repeated_ngram",
            MeasureKind.Distinct => "distinct",
            MeasureKind.PromptOverlap => "prompt_overlap",
            MeasureKind.TopWordShare => "top_word_share",
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure"),
        };
        return measure.N is null ? name : $"{name}({measure.N})";
    }

    /// <summary>
    /// A string literal: <c>"</c> is written <c>\"</c>, and a backslash is doubled only where the lexer would otherwise
    /// read an escape (before <c>\</c> or <c>"</c>, or at the end), so regexes keep their natural look (<c>"\d+"</c>).
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new System.Text.StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '"')
            {
                sb.Append("\\\"");
            }
            else if (c == '\\' && (i + 1 == value.Length || value[i + 1] is '\\' or '"'))
            {
                sb.Append("\\\\");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A number without exponent, invariant culture.</summary>
    public static string Number(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    internal static string Flag(CheckFlag flag) => flag switch
    {
        CheckFlag.BoxedEqualsGold => "boxed_equals_gold",
        CheckFlag.VerdictPresent => "verdict_present",
        CheckFlag.Completed => "completed",
        CheckFlag.InjectionFree => "injection_free",
        CheckFlag.ContainsGold => "contains_gold",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "unknown flag"),
    };

    internal static string Op(CompareOp op) => op switch
    {
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.Greater => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.Equal => "==",
        CompareOp.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operator"),
    };

    private static string Wrap(CheckCondition condition, bool parenthesise) =>
        parenthesise ? $"({Render(condition)})" : Render(condition);
}
