using Mpo.Judging.Abstractions;

namespace Mpo.Judging.Detectors;

/// <summary>
/// The prompt-injection rule both reward models apply (embedded and LLM), so a response is treated the same whichever
/// judge scores it: the <see cref="PromptInjectionDetector"/> inspects the response before scoring and the verdict is
/// counted; after scoring, a flagged response gets the <see cref="InjectionPenalty.Flag"/> flag and its reward is
/// changed by the configured <see cref="InjectionPenalty"/>. An unscorable reward stays NaN (the failure is what counts).
/// </summary>
public static class InjectionScreen
{
    /// <summary>Inspects <paramref name="response"/> and records the verdict in <paramref name="statistics"/> (when given).</summary>
    public static InjectionVerdict Inspect(string response, InjectionStatistics? statistics)
    {
        var verdict = PromptInjectionDetector.Inspect(response);
        statistics?.Record(verdict);
        return verdict;
    }

    /// <summary>The score with the flag and the penalty applied when <paramref name="verdict"/> is flagged; unchanged otherwise.</summary>
    /// <param name="score">The score before the penalty.</param>
    /// <param name="verdict">The detector's verdict on the response.</param>
    /// <param name="penalty">The penalty rule.</param>
    /// <param name="rubricMinimum">The lowest reward the rubric allows, on the reward's scale.</param>
    public static SampleScore Penalise(SampleScore score, InjectionVerdict verdict, InjectionPenalty penalty, double rubricMinimum)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(penalty);
        if (!verdict.Flagged)
        {
            return score;
        }

        var reward = score.IsScored ? penalty.Apply(score.Reward, rubricMinimum) : score.Reward;
        return score with { Reward = reward, Flags = [InjectionPenalty.Flag, .. score.Flags ?? []] };
    }
}
