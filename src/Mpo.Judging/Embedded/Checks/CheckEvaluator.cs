using System.Globalization;
using System.Text.RegularExpressions;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Embedded.Checks;

/// <summary>
/// Runs a parsed <see cref="Check"/> on one response. Every leaf condition contributes one fact ("words = 10, not
/// between 150 and 500"); the facts form the one-sentence explanation the embedded judge gives as its rationale.
/// </summary>
public static partial class CheckEvaluator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The score range a check maps to: its explicit <c>score</c>, else <paramref name="declared"/>, else 0..1.</summary>
    public static ScoreRange RangeOf(Check check, ScoreRange? declared)
    {
        ArgumentNullException.ThrowIfNull(check);
        var explicitScore = check switch
        {
            ConditionCheck c => c.Score,
            ScaleCheck s => s.Score,
            _ => null,
        };
        return explicitScore is null
            ? declared ?? new ScoreRange(0, 1)
            : new ScoreRange(Math.Min(explicitScore.Min, explicitScore.Max), Math.Max(explicitScore.Min, explicitScore.Max));
    }

    /// <summary>Evaluates <paramref name="check"/> on <paramref name="sample"/>.</summary>
    /// <param name="check">The parsed check.</param>
    /// <param name="sample">The response, its prompt and fields.</param>
    /// <param name="declared">The item's declared range, used when the check has no <c>score</c> part.</param>
    /// <exception cref="CheckEvaluationException">The check needs a field the sample lacks, or a regex timed out.</exception>
    public static CheckOutcome Evaluate(Check check, JudgeSample sample, ScoreRange? declared = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(sample);
        switch (check)
        {
            case ConditionCheck c:
            {
                var range = RangeOf(c, declared);
                var facts = new List<string>();
                bool passed = Holds(c.Condition, sample, facts);
                int score = passed ? range.Max : range.Min;
                return new CheckOutcome(score, $"Check {(passed ? "passed" : "failed")} ({string.Join("; ", facts)}), so the score is {score}.", passed);
            }

            case ScaleCheck s:
            {
                double value = Value(s.Measure, sample);
                double t = Math.Clamp((value - s.From) / (s.To - s.From), 0, 1);
                int score = (int)Math.Round(s.Score.Min + (t * (s.Score.Max - s.Score.Min)), MidpointRounding.AwayFromZero);
                return new CheckOutcome(
                    score,
                    $"{CheckRenderer.Render(s.Measure)} = {Show(value)} on a scale from {CheckRenderer.Number(s.From)} (score {s.Score.Min}) to {CheckRenderer.Number(s.To)} (score {s.Score.Max}), so the score is {score}.",
                    null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(check), check, "unknown check");
        }
    }

    /// <summary>The value of a measure on a sample.</summary>
    public static double Value(Measure measure, JudgeSample sample)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(sample);
        return measure.Kind switch
        {
            MeasureKind.Words => TextMeasures.Words(sample.Response),
            MeasureKind.Chars => sample.Response.Trim().Length,
            MeasureKind.MaxRepeatedNgram => TextMeasures.MaxRepeatedNgramShare(sample.Response, measure.N ?? 1),
            MeasureKind.Distinct => TextMeasures.Distinct(sample.Response, measure.N ?? 1),
            MeasureKind.PromptOverlap => TextMeasures.PromptOverlap(sample.Response, sample.Prompt, measure.N ?? 1),
            MeasureKind.TopWordShare => TextMeasures.TopWordShare(sample.Response),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure"),
        };
    }

    private static bool Holds(CheckCondition condition, JudgeSample sample, List<string> facts)
    {
        switch (condition)
        {
            case AndCondition a:
                // Both sides are evaluated (no short-circuit) so the explanation names every fact.
                return Holds(a.Left, sample, facts) & Holds(a.Right, sample, facts);
            case OrCondition o:
                return Holds(o.Left, sample, facts) | Holds(o.Right, sample, facts);
            case NotCondition n:
                return !Holds(n.Inner, sample, facts);
            case CompareCondition c:
            {
                double v = Value(c.Measure, sample);
                bool ok = Compare(v, c.Op, c.Value);
                facts.Add($"{CheckRenderer.Render(c.Measure)} = {Show(v)}, {(ok ? "" : "not ")}{CheckRenderer.Op(c.Op)} {CheckRenderer.Number(c.Value)}");
                return ok;
            }

            case BetweenCondition b:
            {
                double v = Value(b.Measure, sample);
                bool ok = v >= b.Low && v <= b.High;
                facts.Add($"{CheckRenderer.Render(b.Measure)} = {Show(v)}, {(ok ? "" : "not ")}between {CheckRenderer.Number(b.Low)} and {CheckRenderer.Number(b.High)}");
                return ok;
            }

            case RegexCondition r:
            {
                bool matched = Matches(r.Pattern, sample.Response);
                facts.Add($"regex {CheckRenderer.Quote(r.Pattern)} {(matched ? "matched" : "did not match")}");
                return matched == r.MustMatch;
            }

            case EndsWithCondition e:
            {
                bool ok = sample.Response.TrimEnd().EndsWith(e.Suffix, StringComparison.Ordinal);
                facts.Add($"the response {(ok ? "ends" : "does not end")} with {CheckRenderer.Quote(e.Suffix)}");
                return ok;
            }

            case FlagCondition f:
                return Flag(f.Flag, sample, facts);
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition");
        }
    }

    private static bool Flag(CheckFlag flag, JudgeSample sample, List<string> facts)
    {
        switch (flag)
        {
            case CheckFlag.BoxedEqualsGold:
            {
                if (sample.Fields is null || !sample.Fields.TryGetValue(SampleFields.Gold, out var gold))
                {
                    throw new CheckEvaluationException($"boxed_equals_gold needs the sample's '{SampleFields.Gold}' field, which sample {sample.SampleId} lacks");
                }

                var answer = BoxedAnswers.FirstBoxed(sample.Response);
                bool ok = BoxedAnswers.Equivalent(answer, gold);
                facts.Add(answer is null ? "no boxed answer" : $"boxed answer {(ok ? "equals" : "differs from")} the gold answer");
                return ok;
            }

            case CheckFlag.VerdictPresent:
            {
                bool ok = Verdict().IsMatch(sample.Response);
                facts.Add(ok ? "a verdict tag is present" : "no <verdict>RIGHT|WRONG</verdict> tag");
                return ok;
            }

            case CheckFlag.Completed:
            {
                bool ok = !SampleFields.IsTruncated(sample);
                facts.Add(ok ? "the response ended by itself" : "the response was cut at the length limit");
                return ok;
            }

            case CheckFlag.InjectionFree:
            {
                var verdict = PromptInjectionDetector.Inspect(sample.Response);
                facts.Add(verdict.Flagged ? $"text addressed to the judge ({string.Join(", ", verdict.Patterns)})" : "no text addressed to the judge");
                return !verdict.Flagged;
            }

            case CheckFlag.ContainsGold:
            {
                if (sample.Fields is null || !sample.Fields.TryGetValue(SampleFields.Gold, out var gold))
                {
                    throw new CheckEvaluationException($"contains_gold needs the sample's '{SampleFields.Gold}' field, which sample {sample.SampleId} lacks");
                }

                bool ok = ContainsRun(TextMeasures.Tokens(sample.Response), TextMeasures.Tokens(gold));
                facts.Add(ok ? $"the response contains the gold answer \"{gold}\"" : $"the response does not contain the gold answer \"{gold}\"");
                return ok;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(flag), flag, "unknown flag");
        }
    }

    /// <summary>Whether an ethics verdict tag (<c>&lt;verdict&gt;RIGHT&lt;/verdict&gt;</c> or WRONG) is present.</summary>
    public static bool HasVerdict(string response) => Verdict().IsMatch(response);

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new CheckEvaluationException($"regex \"{pattern}\" timed out", e);
        }
    }

    private static bool Compare(double v, CompareOp op, double x) => op switch
    {
        CompareOp.Less => v < x,
        CompareOp.LessOrEqual => v <= x,
        CompareOp.Greater => v > x,
        CompareOp.GreaterOrEqual => v >= x,
        CompareOp.Equal => v == x,
        CompareOp.NotEqual => v != x,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operator"),
    };

    private static string Show(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<verdict>\s*(RIGHT|WRONG)\s*</verdict>")]
    internal static partial Regex Verdict();

    /// <summary>Whether <paramref name="needle"/> (non-empty) occurs in <paramref name="haystack"/> as consecutive tokens.</summary>
    private static bool ContainsRun(IReadOnlyList<string> haystack, IReadOnlyList<string> needle)
    {
        if (needle.Count == 0)
        {
            return false;
        }

        for (int start = 0; start + needle.Count <= haystack.Count; start++)
        {
            int k = 0;
            while (k < needle.Count && haystack[start + k] == needle[k])
            {
                k++;
            }

            if (k == needle.Count)
            {
                return true;
            }
        }

        return false;
    }
}
