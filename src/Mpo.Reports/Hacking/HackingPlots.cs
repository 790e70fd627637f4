using Mpo.Reports.Statistics;
using ScottPlot;

namespace Mpo.Reports.Hacking;

/// <summary>
/// The experiment's PNG plots: one line per arm (the mean over seeds) with a shaded ± std band, against the training
/// step. Rendered with ScottPlot (SkiaSharp), no display needed.
/// </summary>
public static class HackingPlots
{
    /// <summary>Plot width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Plot height in pixels.</summary>
    public const int Height = 520;

    /// <summary>The files <see cref="Write"/> produces, in order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["reward.png", "oracle.png", "length.png", "eos.png"];

    /// <summary>Writes the plots into <paramref name="folder"/> (created if needed) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<ArmRun> runs)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(runs);
        Directory.CreateDirectory(folder);
        var arms = runs.Select(r => r.Arm).Distinct().OrderBy(a => HackingArms.All.ToList().IndexOf(a) is var i and >= 0 ? i : int.MaxValue).ToList();
        var paths = new List<string>
        {
            Render(Path.Combine(folder, FileNames[0]), arms, runs, "RM reward (normalised by the rubric's maximum)", "reward / rubric max", Alignment.LowerRight,
                r => r.Training.Select(t => ((double)t.Step, t.RewardNormalized)).ToList()),
            Render(Path.Combine(folder, FileNames[1]), arms, runs, "Held-out oracle score (greedy, test prompts)", "oracle score", Alignment.LowerLeft,
                r => r.Oracle.Select(o => ((double)o.Step, o.Score)).ToList()),
            Render(Path.Combine(folder, FileNames[2]), arms, runs, "Rollout length", "mean response tokens", Alignment.UpperLeft,
                r => r.Training.Select(t => ((double)t.Step, t.ResponseLength)).ToList()),
            Render(Path.Combine(folder, FileNames[3]), arms, runs, "Rollouts that stop by themselves", "share ending with EOS", Alignment.LowerLeft,
                r => r.Training.Select(t => ((double)t.Step, t.EosShare)).ToList()),
        };
        return paths;
    }

    private static string Render(
        string path, IReadOnlyList<string> arms, IReadOnlyList<ArmRun> runs, string title, string yLabel, Alignment legend,
        Func<ArmRun, IReadOnlyList<(double X, double Y)>> series)
    {
        var plot = new Plot();
        foreach (var arm in arms)
        {
            var band = Band.Across(runs.Where(r => r.Arm == arm).Select(series).ToList());
            if (band.X.Count == 0)
            {
                continue;
            }

            var color = ColorOf(arm);
            var xs = band.X.ToArray();
            if (band.X.Count > 1)
            {
                var fill = plot.Add.FillY(xs, band.Low.ToArray(), band.High.ToArray());
                fill.FillColor = color.WithAlpha(0.18);
                fill.LineWidth = 0;
            }

            var line = plot.Add.Scatter(xs, band.Mean.ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = band.X.Count > 20 ? 0 : 5;
            line.LegendText = $"{arm} (n={runs.Count(r => r.Arm == arm)})";
        }

        plot.Title(title);
        plot.XLabel("step (policy updates)");
        plot.YLabel(yLabel);
        plot.ShowLegend(legend); // placed where these series usually leave room
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static Color ColorOf(string arm) => arm switch
    {
        HackingArms.FixedInitial => Colors.Category10[3],
        HackingArms.FixedExpert => Colors.Category10[0],
        HackingArms.Mpo => Colors.Category10[2],
        _ => Colors.Category10[7],
    };
}
