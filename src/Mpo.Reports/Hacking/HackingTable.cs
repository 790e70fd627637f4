using System.Text;

namespace Mpo.Reports.Hacking;

/// <summary>The summary as a Markdown table (mean ± std over seeds), as docs/evidence.md and the command print it.</summary>
public static class HackingTable
{
    /// <summary>The table, one row per arm.</summary>
    public static string Markdown(IReadOnlyList<ArmSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var text = new StringBuilder();
        text.AppendLine("| arm | seeds | oracle start | oracle final | oracle change | oracle min | RM/max first 5 | RM/max last 5 | length last 5 (tokens) | EOS share last 5 | final greedy words | rubric versions |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in summaries)
        {
            text.AppendLine(string.Join(" | ", [
                $"| {s.Arm}", s.Seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.StartOracle.Format(), s.FinalOracle.Format(), s.OracleChange.Format(), s.MinOracle.Format(),
                s.StartRewardNormalized.Format(), s.FinalRewardNormalized.Format(), s.FinalLength.Format(1), s.FinalEosShare.Format(2),
                s.FinalOracleWords.Format(1), s.RubricVersions.Format(1) + " |",
            ]));
        }

        return text.ToString();
    }
}
