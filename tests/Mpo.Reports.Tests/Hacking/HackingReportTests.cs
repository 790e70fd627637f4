using Mpo.Reports.Hacking;
using Mpo.TestSupport;

namespace Mpo.Reports.Tests.Hacking;

public sealed class HackingReportTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void WriteTraining_Runs_OneRowPerUpdateWithNormalizedRewardAndDetectors()
    {
        using var writer = new StringWriter();

        HackingCsv.WriteTraining(writer, HackingRuns.TwoSeedsPerArm());

        var lines = writer.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal("arm,seed,run_id,step,rubric_version,reward_mean,reward_maximum,reward_normalized,response_length,eos_share,detector_truncated", lines[0]);
        Assert.Equal(1 + (6 * 10), lines.Length);
        Assert.Equal("fixed-initial,42,hk-fixed-initial-s42,1,0,12,30,0.4,18,0.75,16", lines[1]);
    }

    [Fact]
    public void WriteOracle_Runs_OneRowPerEvaluation()
    {
        using var writer = new StringWriter();

        HackingCsv.WriteOracle(writer, HackingRuns.TwoSeedsPerArm());

        var lines = writer.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal("arm,seed,run_id,step,oracle,content,form,mean_words", lines[0]);
        Assert.Equal(1 + (6 * 3), lines.Length);
        Assert.Equal("fixed-initial,42,hk-fixed-initial-s42,5,0.8,0.8,0.8,5", lines[2]);
    }

    [Fact]
    public void Write_Runs_WritesCsvSummaryAndPngPlots()
    {
        using var folder = new TempFolder();
        var runs = HackingRuns.TwoSeedsPerArm();

        var files = HackingReport.Write(Path.Combine(folder.Path, "out"), runs, HackingSummary.Summarize(runs));

        Assert.Equal(HackingPlots.FileNames, files.Plots.Select(Path.GetFileName));
        foreach (var plot in files.Plots)
        {
            var bytes = File.ReadAllBytes(plot);
            Assert.True(bytes.Length > 10_000, $"{plot}: {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.Equal(HackingPlots.Width, ReadBigEndian(bytes, 16)); // IHDR width
            Assert.Equal(HackingPlots.Height, ReadBigEndian(bytes, 20));
        }

        Assert.Contains("| mpo | 2 |", File.ReadAllText(files.Summary), StringComparison.Ordinal);
        Assert.Equal(61, File.ReadAllLines(files.TrainingCsv).Length);
        Assert.Equal(19, File.ReadAllLines(files.OracleCsv).Length);
    }

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
