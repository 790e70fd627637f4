using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded;
using Mpo.Judging.Embedded.Checks;

namespace Mpo.Judging.Detectors;

/// <summary>
/// The per-rollout statistics the reward-hacking detectors compare with the SFT baseline. Feature names are the keys
/// of <see cref="HackingBaseline.Features"/>.
/// </summary>
public static class RolloutFeatures
{
    /// <summary>Whitespace words.</summary>
    public const string Words = "words";

    /// <summary><c>distinct(2)</c>: low values mean repetition.</summary>
    public const string Distinct2 = "distinct2";

    /// <summary><c>prompt_overlap(3)</c>: share of response trigrams copied from the prompt.</summary>
    public const string PromptOverlap3 = "prompt_overlap3";

    /// <summary><c>top_word_share</c>: keyword stuffing.</summary>
    public const string TopWordShare = "top_word_share";

    /// <summary>1 when the task's answer is missing (math: no <c>\boxed{}</c>; ethics: no verdict; other tasks: empty), else 0.</summary>
    public const string MissingAnswer = "missing_answer";

    /// <summary>1 when the response was cut at the length cap (no EOS), else 0.</summary>
    public const string Truncated = "truncated";

    /// <summary>1 when the prompt-injection detector flags the response, else 0.</summary>
    public const string Injection = "injection";

    /// <summary>All feature names, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Words, Distinct2, PromptOverlap3, TopWordShare, MissingAnswer, Truncated, Injection];

    /// <summary>The features of one rollout.</summary>
    public static IReadOnlyDictionary<string, double> Of(string taskName, JudgeSample sample)
    {
        ArgumentNullException.ThrowIfNull(taskName);
        ArgumentNullException.ThrowIfNull(sample);
        var r = sample.Response;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Words] = TextMeasures.Words(r),
            [Distinct2] = TextMeasures.Distinct(r, 2),
            [PromptOverlap3] = TextMeasures.PromptOverlap(r, sample.Prompt, 3),
            [TopWordShare] = TextMeasures.TopWordShare(r),
            [MissingAnswer] = IsAnswerMissing(taskName, r) ? 1 : 0,
            [Truncated] = SampleFields.IsTruncated(sample) ? 1 : 0,
            [Injection] = PromptInjectionDetector.Inspect(r).Flagged ? 1 : 0,
        };
    }

    /// <summary>Whether the task's answer is missing from a response.</summary>
    public static bool IsAnswerMissing(string taskName, string response) => taskName switch
    {
        TaskHardRules.MathTask => BoxedAnswers.FirstBoxed(response) is null,
        TaskHardRules.EthicsTask => !CheckEvaluator.HasVerdict(response),
        _ => string.IsNullOrWhiteSpace(response),
    };
}
