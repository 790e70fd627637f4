using Mpo.Reports.Statistics;

namespace Mpo.Reports.Hacking;

/// <summary>One arm over its seeds: each value is mean ± std over the seeds' runs.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Seeds">Runs summarised.</param>
/// <param name="StartOracle">Oracle score of the start policy (step 0).</param>
/// <param name="FinalOracle">Oracle score of the last evaluated checkpoint.</param>
/// <param name="OracleChange">Final minus start oracle score.</param>
/// <param name="MinOracle">Lowest oracle score over the run's evaluations (how deep a hack went).</param>
/// <param name="FinalOracleWords">Mean words of the final checkpoint's greedy test answers.</param>
/// <param name="StartRewardNormalized">RM reward / rubric maximum over the first <see cref="HackingSummary.Window"/> updates.</param>
/// <param name="FinalRewardNormalized">RM reward / rubric maximum over the last <see cref="HackingSummary.Window"/> updates.</param>
/// <param name="FinalLength">Mean rollout length (tokens) over the last updates.</param>
/// <param name="FinalEosShare">Share of rollouts ending with EOS over the last updates.</param>
/// <param name="RubricVersions">Rubric versions the run used (1 = never revised).</param>
public sealed record ArmSummary(
    string Arm,
    int Seeds,
    MeanStd StartOracle,
    MeanStd FinalOracle,
    MeanStd OracleChange,
    MeanStd MinOracle,
    MeanStd FinalOracleWords,
    MeanStd StartRewardNormalized,
    MeanStd FinalRewardNormalized,
    MeanStd FinalLength,
    MeanStd FinalEosShare,
    MeanStd RubricVersions);

/// <summary>
/// Summarises the runs of each arm. Training metrics are noisy per step (64 sampled rollouts), so "start" and "final"
/// training values average the first and last <see cref="Window"/> updates of each run; oracle values are single
/// greedy evaluations on the held-out prompts, which are deterministic.
/// </summary>
public static class HackingSummary
{
    /// <summary>Updates averaged for the start and final training values.</summary>
    public const int Window = 5;

    /// <summary>One summary per arm present in <paramref name="runs"/>, in <see cref="HackingArms.All"/> order (then others by name).</summary>
    /// <exception cref="InvalidOperationException">A run has no training points or no oracle evaluation.</exception>
    public static IReadOnlyList<ArmSummary> Summarize(IEnumerable<ArmRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.GroupBy(r => r.Arm)
            .OrderBy(g => Order(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.OrderBy(r => r.Seed).ToList()))
            .ToList();
    }

    private static ArmSummary Summarize(string arm, IReadOnlyList<ArmRun> runs)
    {
        foreach (var run in runs)
        {
            if (run.Training.Count == 0 || run.Oracle.Count == 0)
            {
                throw new InvalidOperationException($"Run '{run.RunId}' ({arm}, seed {run.Seed}) has {run.Training.Count} metrics lines and {run.Oracle.Count} evaluations; it needs both to be summarised.");
            }
        }

        MeanStd Over(Func<ArmRun, double> value) => MeanStd.Of(runs.Select(value));
        return new ArmSummary(
            arm,
            runs.Count,
            Over(r => r.Oracle[0].Score),
            Over(r => r.Oracle[^1].Score),
            Over(r => r.Oracle[^1].Score - r.Oracle[0].Score),
            Over(r => r.Oracle.Min(o => o.Score)),
            Over(r => r.Oracle[^1].MeanWords),
            Over(r => r.Training.Take(Window).Average(t => t.RewardNormalized)),
            Over(r => r.Training.TakeLast(Window).Average(t => t.RewardNormalized)),
            Over(r => r.Training.TakeLast(Window).Average(t => t.ResponseLength)),
            Over(r => r.Training.TakeLast(Window).Average(t => t.EosShare)),
            Over(r => r.Rubrics.Count));
    }

    private static int Order(string arm)
    {
        var index = HackingArms.All.ToList().IndexOf(arm);
        return index < 0 ? int.MaxValue : index;
    }
}
