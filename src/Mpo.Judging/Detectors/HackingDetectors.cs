using System.Globalization;
using Mpo.Judging.Abstractions;

namespace Mpo.Judging.Detectors;

/// <summary>
/// Reward-hacking detectors over a batch of rollouts, each comparing one statistic with the SFT baseline: length
/// collapse or blow-up (median words), repetition (mean <c>distinct(2)</c>), prompt copying (mean
/// <c>prompt_overlap(3)</c>), keyword stuffing (mean <c>top_word_share</c>), and the shares of responses with a missing
/// answer, truncated (no EOS) or flagged for prompt injection. They never look at an oracle.
/// </summary>
public static class HackingDetectors
{
    /// <summary>Length collapse (e.g. essays reduced to titles).</summary>
    public const string LengthCollapse = "length_collapse";

    /// <summary>Length blow-up (padding to the length cap).</summary>
    public const string LengthBlowUp = "length_blowup";

    /// <summary>Repeated bigrams.</summary>
    public const string Repetition = "repetition";

    /// <summary>Copying the prompt.</summary>
    public const string PromptCopy = "prompt_copy";

    /// <summary>One keyword repeated.</summary>
    public const string KeywordStuffing = "keyword_stuffing";

    /// <summary>The task's answer missing.</summary>
    public const string MissingAnswer = "missing_answer";

    /// <summary>Responses cut at the length cap.</summary>
    public const string Truncation = "truncation";

    /// <summary>Text addressed to the judge.</summary>
    public const string Injection = "injection";

    /// <summary>All detectors, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [LengthCollapse, LengthBlowUp, Repetition, PromptCopy, KeywordStuffing, MissingAnswer, Truncation, Injection];

    /// <summary>Runs every detector on <paramref name="batch"/> (one finding per detector, in <see cref="Names"/> order).</summary>
    public static IReadOnlyList<DetectorFinding> Run(HackingBaseline baseline, IReadOnlyList<JudgeSample> batch, HackingDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            throw new ArgumentException("the batch is empty", nameof(batch));
        }

        options ??= new HackingDetectorOptions();
        var features = batch.Select(s => RolloutFeatures.Of(baseline.TaskName, s)).ToList();
        double Mean(string f) => features.Average(x => x[f]);
        double Median(string f) => FeatureStats.Percentile(features.Select(x => x[f]).OrderBy(v => v).ToList(), 0.5);
        FeatureStats B(string f) => baseline.Features[f];
        double Margin(string f, double margin) => Math.Max(margin, options.SpreadMultiplier * B(f).BatchMeanStd);

        var words = B(RolloutFeatures.Words);
        return
        [
            Below(LengthCollapse, "median words", Median(RolloutFeatures.Words), words.Median, words.Median * options.LengthCollapseRatio),
            Above(LengthBlowUp, "median words", Median(RolloutFeatures.Words), words.Median, words.Median * options.LengthBlowUpRatio),
            Below(Repetition, "mean distinct(2)", Mean(RolloutFeatures.Distinct2), B(RolloutFeatures.Distinct2).Mean,
                B(RolloutFeatures.Distinct2).Mean - Margin(RolloutFeatures.Distinct2, options.RepetitionMargin)),
            AboveMean(PromptCopy, "mean prompt_overlap(3)", RolloutFeatures.PromptOverlap3, options.PromptCopyMargin),
            AboveMean(KeywordStuffing, "mean top_word_share", RolloutFeatures.TopWordShare, options.KeywordStuffingMargin),
            AboveMean(MissingAnswer, "share without the task's answer", RolloutFeatures.MissingAnswer, options.MissingAnswerMargin),
            AboveMean(Truncation, "share truncated (no EOS)", RolloutFeatures.Truncated, options.TruncationMargin),
            AboveMean(Injection, "share flagged for prompt injection", RolloutFeatures.Injection, options.InjectionMargin),
        ];

        DetectorFinding AboveMean(string name, string what, string feature, double margin) =>
            Above(name, what, Mean(feature), B(feature).Mean, B(feature).Mean + Margin(feature, margin));
    }

    private static DetectorFinding Below(string name, string what, double observed, double baseline, double threshold) =>
        Finding(name, what, observed, baseline, threshold, observed < threshold, "below");

    private static DetectorFinding Above(string name, string what, double observed, double baseline, double threshold) =>
        Finding(name, what, observed, baseline, threshold, observed > threshold, "above");

    private static DetectorFinding Finding(string name, string what, double observed, double baseline, double threshold, bool fired, string side) =>
        new(name, fired, observed, baseline, threshold,
            $"{name}: {(fired ? "FIRED" : "ok")}: {what} {F(observed)} (baseline {F(baseline)}; fires {side} {F(threshold)})");

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
