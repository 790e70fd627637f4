using Mpo.TestSupport;
using Mpo.Core;
using Mpo.Judging.Metrics.Elo;

namespace Mpo.Judging.Tests.Metrics.Elo;

public sealed class MatchLogFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mpo-elo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_PaperLog_KeepsOrderAndFields()
    {
        var log = MatchLogFile.Read(SharedData.Path("elo", "32b_32bvs32b_72b-1.details.json"));

        Assert.Equal(500, log.Count);
        Assert.Equal(("32b_72b", "32b_32b", "32b_72b"), (log[0].ModelA, log[0].ModelB, log[0].Winner));
        Assert.StartsWith("Write an essay that refutes", log[0].Query);
        Assert.Equal(264, log.Count(m => m.Winner == "32b_72b"));
    }

    [Theory]
    [InlineData("{\"a\": 1}", "expected a JSON array")]
    [InlineData("[{\"model_b\": \"x\", \"winner\": \"x\"}]", "match 0: field \"model_a\": missing")]
    [InlineData("[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"x\"}, {\"model_a\": 3, \"model_b\": \"y\"}]", "match 1: field \"model_a\": expected a string")]
    [InlineData("[1]", "match 0: expected an object")]
    [InlineData("[{", "not valid JSON")]
    public void Read_Malformed_ErrorNamesFileAndProblem(string content, string expected)
    {
        var path = Path.Combine(_folder, "log.details.json");
        File.WriteAllText(path, content);

        var e = Assert.Throws<MpoInputException>(() => MatchLogFile.Read(path));

        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Read_MissingFile_ErrorNamesFile()
    {
        var path = Path.Combine(_folder, "absent.json");

        var e = Assert.Throws<MpoInputException>(() => MatchLogFile.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ScoresRead_NonNumberRating_ErrorNamesField()
    {
        var path = Path.Combine(_folder, "run.scores.json");
        File.WriteAllText(path, "{\"m\": \"high\"}");

        var e = Assert.Throws<MpoInputException>(() => ScoresFile.Read(path));

        Assert.Contains($"{path}: field \"m\": expected a number", e.Message);
    }
}
