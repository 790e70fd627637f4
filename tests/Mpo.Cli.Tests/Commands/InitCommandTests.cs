using Mpo.Pipeline.Config;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Commands;

public sealed class InitCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MpoCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Init_Tiny_WritesValidSmokeTestConfig()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "tiny.json");

        var (code, output, _) = await Run("init", "--tiny", "--output", file);

        Assert.Equal(0, code);
        Assert.StartsWith($"wrote {file}: task mini_qa, 4 updates", output);
        var config = RunConfigReader.ReadFile(file);
        Assert.Equal(RunConfigJson.Serialize(RunConfigTemplates.Tiny()), RunConfigJson.Serialize(config));
    }

    [Fact]
    public async Task Init_PaperTaskToStdout_ParsesWithOpenAiJudges()
    {
        var (code, output, _) = await Run("init", "--task", "summarization", "--output", "-");

        Assert.Equal(0, code);
        var config = RunConfigReader.Parse(output);
        Assert.Equal(("summarization", JudgeKinds.OpenAi), (config.Task.Name, config.Rm.Kind));
    }

    [Fact]
    public async Task Init_ExistingFileOrTinyPaperTask_ExitOneWithReason()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "run.json");
        await File.WriteAllTextAsync(file, "{}");

        var (exists, _, existsError) = await Run("init", "--output", file);
        var (tiny, _, tinyError) = await Run("init", "--tiny", "--task", "math_reasoning", "--output", "-");

        Assert.Equal((1, 1), (exists, tiny));
        Assert.Contains("exists; pass --force", existsError);
        Assert.Contains("--tiny", tinyError);
        Assert.Equal("{}", await File.ReadAllTextAsync(file));
    }
}
