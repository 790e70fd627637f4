using System.Diagnostics;
using System.Text.Json;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Commands;

/// <summary>
/// <c>mpo model generate --greedy --json</c> on a gpt2 folder written by the independent PyTorch script
/// (tests/python/reference_models.py) gives that script's greedy tokens and top logits.
/// </summary>
public class ModelCommandTests
{
    [Fact]
    public async Task Generate_GreedyJson_MatchesPyTorchReference()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "gpt2");
        Python("write", "--arch", "gpt2", "--out", folder, "--seed", "99");
        var output = new StringWriter();
        var error = new StringWriter();

        // Act
        var code = await MpoCommandLine.RunAsync(
            ["model", "generate", "--model", folder, "--prompt", "the lion", "--prompt", "we are here", "--greedy", "--max-new-tokens", "6", "--json"],
            output, error);

        // Assert
        Assert.True(code == 0, error.ToString());
        using var ours = JsonDocument.Parse(output.ToString());
        var results = ours.RootElement.GetProperty("results");
        var args = new List<string> { "generate", "--model", folder, "--max-new-tokens", "6" };
        foreach (var r in results.EnumerateArray())
        {
            args.AddRange(["--prompt-ids", string.Join(',', r.GetProperty("promptTokenIds").EnumerateArray().Select(e => e.GetInt32()))]);
        }

        using var reference = JsonDocument.Parse(Python([.. args]));
        for (int i = 0; i < 2; i++)
        {
            var expected = reference.RootElement.GetProperty("results")[i];
            var actual = results[i];
            Assert.Equal(Ids(expected.GetProperty("generatedTokenIds")), Ids(actual.GetProperty("generatedTokenIds")));
            var expectedTop = expected.GetProperty("lastPromptTopLogits").EnumerateArray().ToList();
            var actualTop = actual.GetProperty("lastPromptTopLogits").EnumerateArray().ToList();
            Assert.Equal(5, actualTop.Count);
            for (int k = 0; k < 5; k++)
            {
                Assert.Equal(expectedTop[k].GetProperty("id").GetInt32(), actualTop[k].GetProperty("id").GetInt32());
                Assert.Equal(expectedTop[k].GetProperty("logit").GetDouble(), actualTop[k].GetProperty("logit").GetDouble(), 1e-3);
            }

            Assert.Equal(JsonValueKind.String, actual.GetProperty("text").ValueKind);
        }
    }

    [Fact]
    public async Task Info_MissingFolder_ExitsOneNamingIt()
    {
        var error = new StringWriter();

        var code = await MpoCommandLine.RunAsync(["model", "info", "/nonexistent/model-folder"], new StringWriter(), error);

        Assert.Equal(MpoCommandLine.Failure, code);
        Assert.Contains("/nonexistent/model-folder: model folder not found", error.ToString());
    }

    private static int[] Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static string Python(params string[] args)
    {
        var script = Path.Combine(RepoRoot(), "tests", "python", "reference_models.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Result;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MPO.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MPO.sln not found.");
    }
}
