namespace Mpo.Reports.Hacking;

/// <summary>The files of a written report.</summary>
/// <param name="TrainingCsv">Per-update series (<c>training.csv</c>).</param>
/// <param name="OracleCsv">Per-evaluation series (<c>oracle.csv</c>).</param>
/// <param name="Summary">The Markdown summary table (<c>summary.md</c>).</param>
/// <param name="Plots">The PNG plots.</param>
public sealed record HackingReportFiles(string TrainingCsv, string OracleCsv, string Summary, IReadOnlyList<string> Plots);

/// <summary>Writes the experiment's CSV series, summary table and plots into one folder.</summary>
public static class HackingReport
{
    /// <summary>Writes everything into <paramref name="folder"/> (created if needed), replacing earlier files of the same names.</summary>
    public static HackingReportFiles Write(string folder, IReadOnlyList<ArmRun> runs, IReadOnlyList<ArmSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(summaries);
        Directory.CreateDirectory(folder);
        var training = Path.Combine(folder, "training.csv");
        using (var writer = new StreamWriter(training))
        {
            HackingCsv.WriteTraining(writer, runs);
        }

        var oracle = Path.Combine(folder, "oracle.csv");
        using (var writer = new StreamWriter(oracle))
        {
            HackingCsv.WriteOracle(writer, runs);
        }

        var summary = Path.Combine(folder, "summary.md");
        File.WriteAllText(summary, HackingTable.Markdown(summaries));
        return new HackingReportFiles(training, oracle, summary, HackingPlots.Write(folder, runs));
    }
}
