namespace Mpo.Judging.Embedded.Checks;

/// <summary>A numeric property of a response the check language can test (docs/check-language.md).</summary>
public enum MeasureKind
{
    /// <summary><c>words</c>: whitespace-separated words.</summary>
    Words,

    /// <summary><c>chars</c>: characters of the trimmed response.</summary>
    Chars,

    /// <summary><c>max_repeated_ngram(n)</c>: share of the word n-grams taken by the most repeated one (0 when none repeats).</summary>
    MaxRepeatedNgram,

    /// <summary><c>distinct(n)</c>: distinct word n-grams / all word n-grams (1 when there are none).</summary>
    Distinct,

    /// <summary><c>prompt_overlap(n)</c>: share of the response's word n-grams that also occur in the prompt.</summary>
    PromptOverlap,

    /// <summary><c>top_word_share</c>: occurrences of the most frequent content word / words.</summary>
    TopWordShare,
}

/// <summary>A measure, with its n-gram size for the n-gram measures.</summary>
/// <param name="Kind">What is measured.</param>
/// <param name="N">n for n-gram measures, otherwise <c>null</c>.</param>
public sealed record Measure(MeasureKind Kind, int? N = null);

/// <summary>Comparison operators.</summary>
public enum CompareOp
{
    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,
}

/// <summary>Yes/no facts about a response that need no operands.</summary>
public enum CheckFlag
{
    /// <summary><c>boxed_equals_gold</c>: the first <c>\boxed{…}</c> answer equals the sample's <c>gold</c> field.</summary>
    BoxedEqualsGold,

    /// <summary><c>verdict_present</c>: a <c>&lt;verdict&gt;RIGHT|WRONG&lt;/verdict&gt;</c> tag is present.</summary>
    VerdictPresent,

    /// <summary><c>completed</c>: the policy stopped by itself (the sample's <c>finish</c> field is not <c>length</c>).</summary>
    Completed,

    /// <summary><c>injection_free</c>: the prompt-injection detector does not flag the response.</summary>
    InjectionFree,

    /// <summary><c>contains_gold</c>: the response's word tokens contain the sample's <c>gold</c> field's tokens as one run.</summary>
    ContainsGold,
}

/// <summary>A boolean condition over a response.</summary>
public abstract record CheckCondition;

/// <summary><c>a and b</c>.</summary>
public sealed record AndCondition(CheckCondition Left, CheckCondition Right) : CheckCondition;

/// <summary><c>a or b</c>.</summary>
public sealed record OrCondition(CheckCondition Left, CheckCondition Right) : CheckCondition;

/// <summary><c>not a</c>.</summary>
public sealed record NotCondition(CheckCondition Inner) : CheckCondition;

/// <summary><c>measure OP number</c>.</summary>
public sealed record CompareCondition(Measure Measure, CompareOp Op, double Value) : CheckCondition;

/// <summary><c>measure between low and high</c> (inclusive).</summary>
public sealed record BetweenCondition(Measure Measure, double Low, double High) : CheckCondition;

/// <summary><c>regex "pattern" must match</c> / <c>must not match</c>.</summary>
public sealed record RegexCondition(string Pattern, bool MustMatch) : CheckCondition;

/// <summary><c>ends_with "suffix"</c> (on the response with trailing whitespace removed).</summary>
public sealed record EndsWithCondition(string Suffix) : CheckCondition;

/// <summary>A flag such as <c>verdict_present</c>.</summary>
public sealed record FlagCondition(CheckFlag Flag) : CheckCondition;

/// <summary>An integer score range <c>score min..max</c>; <c>min</c> may exceed <c>max</c> in a <c>scale</c> check.</summary>
public sealed record CheckScore(int Min, int Max);

/// <summary>A parsed check: what an item's <c>check="…"</c> attribute holds.</summary>
public abstract record Check;

/// <summary>
/// A pass/fail check: pass scores <see cref="CheckScore.Max"/>, fail scores <see cref="CheckScore.Min"/>. Without an
/// explicit score the item's declared range is used, else 0..1.
/// </summary>
public sealed record ConditionCheck(CheckCondition Condition, CheckScore? Score = null) : Check;

/// <summary>
/// <c>scale MEASURE from A to B score MIN..MAX</c>: the measure's value mapped linearly from A (→ MIN) to B (→ MAX),
/// clamped, rounded half away from zero. A &gt; B gives a decreasing scale (e.g. full score up to a length, then less).
/// </summary>
public sealed record ScaleCheck(Measure Measure, double From, double To, CheckScore Score) : Check;
