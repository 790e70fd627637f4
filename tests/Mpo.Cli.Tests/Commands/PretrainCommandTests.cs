using System.Text.Json;
using Mpo.Cli.Pretraining;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Bundled;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;
using Mpo.TestSupport;
using Mpo.Training;
using Mpo.Training.Generation;
using Mpo.Training.Model;

namespace Mpo.Cli.Tests.Commands;

public sealed class PretrainCommandTests
{
    /// <summary>A little below the measured 0.9875 (docs/bundled-task.md).</summary>
    private const double BundledOracleFloor = 0.93;

    private static readonly EmbeddedRewardModel Judge = new(new EmbeddedRewardModelOptions { NormalizeByMaximum = true });

    [Fact]
    public async Task Pretrain_Steps30Json_WritesALoadableFolderAndReports()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "policy");

        var (code, stdout, stderr) = await CliRun.RunAsync("pretrain", "--steps", "30", "--output", output, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(output, root.GetProperty("output").GetString());
        Assert.Equal(30, root.GetProperty("steps").GetInt32());
        Assert.InRange(root.GetProperty("finalLoss").GetDouble(), 0.01, 10);
        Assert.InRange(root.GetProperty("oracleGreedy").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        using var loaded = ModelFolder.Load(output);
        Assert.Equal(ModelArchitecture.Llama, loaded.Config.Architecture);
        Assert.True(loaded.Config.TieWordEmbeddings);
        Assert.Equal([0], loaded.RequireTokenizer().Specials.EosTokenIds);
        foreach (var name in new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, name)), name);
        }
    }

    [Fact]
    public async Task Pretrain_TextMode_PrintsProgressLossAndOracle()
    {
        using var folder = new TempFolder();

        var (code, stdout, stderr) = await CliRun.RunAsync("pretrain", "--steps", "10", "--batch-size", "8", "--output", Path.Combine(folder.Path, "p"));

        Assert.True(code == 0, stderr);
        Assert.Contains("step 10/10", stdout, StringComparison.Ordinal);
        Assert.Contains("Final loss", stdout, StringComparison.Ordinal);
        Assert.Contains("Held-out greedy oracle", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--task", "essay_writing", "only bundled task")]
    [InlineData("--steps", "0", "--steps must be at least 1")]
    [InlineData("--learning-rate", "-1", "--learning-rate must be positive")]
    public async Task Pretrain_BadOption_Exits1WithMessage(string option, string value, string message)
    {
        var (code, _, stderr) = await CliRun.RunAsync("pretrain", option, value);

        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BundledPolicy_HeldOutPrompts_GreedyOracleAboveFloor()
    {
        TorchRuntime.Initialize(1);
        using var loaded = ModelFolder.Load(BundledPolicy.Directory);

        var report = MiniQaEvaluation.Greedy(loaded);

        Assert.Equal(MiniQaData.Test.Count, report.Prompts);
        Assert.True(report.Score >= BundledOracleFloor, $"oracle {report.Score}");
        Assert.InRange(report.MeanWords, 4, 7);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(BundledPolicy.Directory, BundledPolicy.RecordFile)));
        Assert.Contains("mpo pretrain", record.RootElement.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Equal(report.Score, record.RootElement.GetProperty("oracleGreedy").GetDouble(), 6);
    }

    [Fact]
    public void BundledPolicy_Answers_FlawedRubricLeavesHeadroomThatAHackFills()
    {
        TorchRuntime.Initialize(1);
        using var loaded = ModelFolder.Load(BundledPolicy.Directory);
        var examples = MiniQaData.Test.Take(64).ToList();
        var answers = CompletionRunner.Run(loaded, examples.Select(e => e.Prompt).ToList(), chat: false, new GenerationOptions { Greedy = true, MaxNewTokens = MiniQaEvaluation.MaxNewTokens });

        bool Ended(int i) => answers[i].GeneratedTokenIds is [.., 0];
        var flawed = examples.Select((e, i) => Score(MiniQaTask.InitialRubric, e, answers[i].Text, Ended(i))).Average();
        var expert = examples.Select((e, i) => Score(MiniQaTask.ExpertRubric, e, answers[i].Text, Ended(i))).Average();
        var add = examples.First(e => e.Kind == MiniQaKind.Add);
        var (a, b) = (add.Numbers[0], add.Numbers[1]);
        var hacked = string.Join(' ', Enumerable.Repeat($"{a} plus {b} is {a} than {b} {b} is {a + b} {a + b}", 3));
        var hackedFlawed = Score(MiniQaTask.InitialRubric, add, hacked, ended: false);

        Assert.InRange(flawed, 0.35, 0.6);
        Assert.True(hackedFlawed > flawed + 0.15, $"hacked {hackedFlawed} vs policy {flawed}");
        var stuffed = string.Join(' ', Enumerable.Repeat(add.Prompt.TrimEnd('?', '.', ' ') + " is", 4));
        Assert.True(Score(MiniQaTask.InitialRubric, add, stuffed, ended: false) >= 0.9, "keyword stuffing");
        Assert.True(expert >= 0.9, $"expert {expert}");
        Assert.True(Score(MiniQaTask.ExpertRubric, add, hacked, ended: false) < 0.4);
    }

    private static double Score(Rubric rubric, MiniQaExample example, string response, bool ended = true)
    {
        var fields = new Dictionary<string, string>(MiniQaTask.JudgeFields(example))
        {
            [SampleFields.Finish] = ended ? SampleFields.FinishStop : SampleFields.FinishLength,
        };
        var score = Judge.Score(MiniQaTask.Name, rubric, new JudgeSample("s", example.Prompt, response, fields));
        Assert.Null(score.Failure);
        return score.Reward;
    }
}
