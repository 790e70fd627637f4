using System.Globalization;

namespace Mpo.Reports.Hacking;

/// <summary>
/// The experiment's series as CSV (invariant culture, one header line): per update (<c>training.csv</c>) and per
/// oracle evaluation (<c>oracle.csv</c>), one row per run and step, so any tool can re-plot or re-summarise them.
/// </summary>
public static class HackingCsv
{
    /// <summary>Writes one row per (run, update); detector columns are the union of the runs' detector names.</summary>
    public static void WriteTraining(TextWriter writer, IReadOnlyList<ArmRun> runs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        var detectors = runs.SelectMany(r => r.Training).SelectMany(t => t.Detectors.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        writer.WriteLine(string.Join(',', new[] { "arm", "seed", "run_id", "step", "rubric_version", "reward_mean", "reward_maximum", "reward_normalized", "response_length", "eos_share" }
            .Concat(detectors.Select(d => "detector_" + d))));
        foreach (var run in runs)
        {
            foreach (var t in run.Training)
            {
                var cells = new List<string>
                {
                    run.Arm, Int(run.Seed), run.RunId, Int(t.Step), Int(t.RubricVersion),
                    Num(t.RewardMean), Num(t.RewardMaximum), Num(t.RewardNormalized), Num(t.ResponseLength), Num(t.EosShare),
                };
                cells.AddRange(detectors.Select(d => Int(t.Detectors.TryGetValue(d, out var n) ? n : 0)));
                writer.WriteLine(string.Join(',', cells));
            }
        }
    }

    /// <summary>Writes one row per (run, evaluation).</summary>
    public static void WriteOracle(TextWriter writer, IReadOnlyList<ArmRun> runs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        writer.WriteLine("arm,seed,run_id,step,oracle,content,form,mean_words");
        foreach (var run in runs)
        {
            foreach (var o in run.Oracle)
            {
                writer.WriteLine(string.Join(',', run.Arm, Int(run.Seed), run.RunId, Int(o.Step), Num(o.Score), Num(o.Content), Num(o.Form), Num(o.MeanWords)));
            }
        }
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
