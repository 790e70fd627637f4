using System.Text.Json;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Commands;

public sealed class EloCommandTests : IDisposable
{
    private static readonly string Details = SharedData.Path("elo", "32b_32bvs32b_72b-1.details.json");
    private static readonly string Scores = SharedData.Path("elo", "32b_32bvs32b_72b-1.scores.json");
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Replay_Json_ReproducesPaperScoresFileExactly()
    {
        var (code, output, _) = await CliRun.RunAsync("elo", "replay", Details, "--json");

        Assert.Equal(0, code);
        Assert.Single(output.TrimEnd().Split('\n'));
        var printed = JsonDocument.Parse(output).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())).ToList();
        var expected = JsonDocument.Parse(File.ReadAllText(Scores)).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())).ToList();
        Assert.Equal(expected, printed);
    }

    [Fact]
    public async Task Replay_Text_ListsRatingsAndCounts()
    {
        var (code, output, _) = await CliRun.RunAsync("elo", "replay", Details);

        Assert.Equal(0, code);
        Assert.Contains("32b_32b  989.7971297993093", output);
        Assert.Contains("32b_72b  1010.2028702006912", output);
        Assert.Contains("500 matches applied, 0 skipped", output);
    }

    [Fact]
    public async Task Merge_Json_MeanAndPopulationStd()
    {
        // Run 1 is the paper's file; run 2 moves each model 10 points further apart.
        var second = Path.Combine(_temp.Path, "run-2.scores.json");
        File.WriteAllText(second, """{"32b_72b": 1020.2028702006912, "32b_32b": 979.7971297993093}""");

        var (code, output, _) = await CliRun.RunAsync("elo", "merge", Scores, second, "--json");

        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["mean elo", "mean stds"], root.EnumerateObject().Select(p => p.Name));
        var means = root.GetProperty("mean elo");
        Assert.Equal(["32b_32b", "32b_72b"], means.EnumerateObject().Select(p => p.Name));
        Assert.Equal(984.7971297993093, means.GetProperty("32b_32b").GetDouble(), 1e-9);
        Assert.Equal(5.0, root.GetProperty("mean stds").GetProperty("32b_72b").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Merge_Text_Table()
    {
        var (code, output, _) = await CliRun.RunAsync("elo", "merge", Scores, Scores);

        Assert.Equal(0, code);
        Assert.Contains("32b_72b  1010.2028702006912", output);
        Assert.Contains("2 runs.", output);
    }

    [Fact]
    public async Task Replay_NotALog_Exit1NamingFile()
    {
        var (code, output, error) = await CliRun.RunAsync("elo", "replay", Scores, "--json");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains($"{Scores}: expected a JSON array of matches", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Merge_MissingFile_Exit1NamingFile()
    {
        var missing = Path.Combine(_temp.Path, "nope.scores.json");

        var (code, _, error) = await CliRun.RunAsync("elo", "merge", Scores, missing);

        Assert.Equal(1, code);
        Assert.Contains(missing, error);
    }

    [Fact]
    public async Task Merge_NoFiles_UsageError()
    {
        var (code, _, _) = await CliRun.RunAsync("elo", "merge");

        Assert.Equal(2, code);
    }
}
