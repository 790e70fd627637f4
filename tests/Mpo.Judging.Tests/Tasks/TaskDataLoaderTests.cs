using Mpo.Core;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Tests.Tasks;

public sealed class TaskDataLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mpo-tasks-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_Essay_RowsInOrderWithFileLineIds()
    {
        var path = Write("essay.jsonl", """
            {"prompt": "Write about rain.", "extra": 1}

            {"prompt": "Describe a city at night."}
            """);

        var data = TaskDataLoader.Load(TaskCatalog.EssayWriting, path);

        Assert.Equal(["Write about rain.", "Describe a city at night."], data.Examples.Select(e => e.Fields["prompt"]));
        Assert.Equal([$"{path}:1", $"{path}:3"], data.Examples.Select(e => e.Id));
        Assert.All(data.Examples, e => Assert.Null(e.Reference));
    }

    [Fact]
    public void Load_Summarization_ReferenceIsCleanSummary()
    {
        var path = Write("bills.jsonl", """{"clean_text": "SECTION 1. ...", "clean_summary": "Amends the code.", "title": "x"}""");

        var example = Assert.Single(TaskDataLoader.Load(TaskCatalog.Summarization, path).Examples);

        Assert.Equal("Amends the code.", example.Reference);
        Assert.Contains("```\nSECTION 1. ...\n```", TaskCatalog.Summarization.RenderPrompt(example.Fields));
    }

    [Theory]
    [InlineData("{\"prompt\": \"ok\"}\n{\"prompt\": ", "2: not valid JSON")]
    [InlineData("{\"prompt\": \"ok\"}\n[1, 2]", "2: expected a JSON object, found an array")]
    [InlineData("{\"prompt\": \"ok\"}\n{\"prompt\": \"ok\"}\n{\"other\": \"x\"}", "3: prompt: missing (required).")]
    [InlineData("{\"prompt\": 42}", "1: prompt: expected a string, found the number 42.")]
    [InlineData("{\"prompt\": null}", "1: prompt: missing (required).")]
    public void Load_MalformedEssayLine_ErrorNamesFileLineAndField(string content, string expected)
    {
        var path = Write("bad.jsonl", content);

        var e = Assert.Throws<MpoInputException>(() => TaskDataLoader.Load(TaskCatalog.EssayWriting, path));

        Assert.Equal($"{path}:{expected}", e.Message[..(path.Length + 1 + expected.Length)]);
    }

    [Fact]
    public void Load_EthicsLabelOutsideRightWrong_RejectedWithFileLine()
    {
        var path = Write("ethics.jsonl", """
            {"title": "AITA", "text": "story", "action": "refused", "binarized_label": "RIGHT"}
            {"title": "AITA", "text": "story", "action": "refused", "binarized_label": "INFO"}
            """);

        var e = Assert.Throws<MpoInputException>(() => TaskDataLoader.Load(TaskCatalog.EthicalReasoning, path));

        Assert.Equal($"{path}:2: binarized_label: \"INFO\" is not one of RIGHT, WRONG.", e.Message);
    }

    [Fact]
    public void Load_EthicsSkipIneligible_FiltersLikeThePaper()
    {
        var path = Write("ethics.jsonl", """
            {"title": "A", "text": "t", "action": "a", "binarized_label": "WRONG"}
            {"title": null, "text": "t", "action": "a", "binarized_label": "RIGHT"}
            {"title": "B", "text": "t", "action": "a", "binarized_label": "INFO"}
            {"title": "C", "text": "t", "action": "a", "binarized_label": "RIGHT"}
            """);

        var data = TaskDataLoader.Load(TaskCatalog.EthicalReasoning, path, new TaskLoadOptions(SkipIneligible: true));

        Assert.Equal(2, data.Skipped);
        Assert.Equal(["WRONG", "RIGHT"], data.Examples.Select(e => e.Reference));
    }

    [Fact]
    public void Load_SkipIneligible_WrongTypeStillAnError()
    {
        var path = Write("ethics.jsonl", """{"title": ["A"], "text": "t", "action": "a", "binarized_label": "WRONG"}""");

        var e = Assert.Throws<MpoInputException>(() =>
            TaskDataLoader.Load(TaskCatalog.EthicalReasoning, path, new TaskLoadOptions(SkipIneligible: true)));

        Assert.Equal($"{path}:1: title: expected a string, found an array.", e.Message);
    }

    [Fact]
    public void Load_Limit_KeepsFirstRows()
    {
        var path = Write("essay.jsonl", string.Join('\n', Enumerable.Range(0, 5).Select(i => $"{{\"prompt\": \"p{i}\"}}")));

        var data = TaskDataLoader.Load(TaskCatalog.EssayWriting, path, new TaskLoadOptions(Limit: 2));

        Assert.Equal(["p0", "p1"], data.Examples.Select(e => e.Fields["prompt"]));
    }

    [Fact]
    public void Load_Math_GoldFromAnswerOrFirstBoxAndDomainFallbacks()
    {
        var path = Write("math.jsonl", """
            {"problem": "1+1?", "solution": "It is $\\boxed{ 2 }$, not \\boxed{3}.", "domain": "algebra", "cluster_id": 2}
            {"problem": "x?", "solution": "no box", "domain_id": 4, "cluster_id": "1", "answer": "\\frac12"}
            {"problem": "y?", "solution": "\\boxed{7}", "domain": "geometry"}
            """);

        var examples = TaskDataLoader.Load(TaskCatalog.MathReasoning, path).Examples;

        Assert.Equal(["2", "\\frac12", "7"], examples.Select(e => e.Reference));
        Assert.Equal(["algebra", "4", "geometry"], examples.Select(e => e.Fields["domain"]));
        Assert.Equal(["2", "1", "0"], examples.Select(e => e.Fields["cluster_id"]));
    }

    [Theory]
    [InlineData("""{"problem": "p", "solution": "no box", "domain": "algebra"}""", "solution: has no \\boxed{…} answer")]
    [InlineData("""{"problem": "p", "solution": "\\boxed{1}"}""", "domain: missing; one of domain, domain_id is required.")]
    [InlineData("""{"problem": "p", "solution": "\\boxed{1}", "domain": "a", "cluster_id": "two"}""", "cluster_id: expected an integer, found the string \"two\".")]
    [InlineData("""{"problem": "p", "solution": "\\boxed{1}", "domain": "a", "cluster_id": 1.5}""", "cluster_id: expected an integer, found the number 1.5.")]
    [InlineData("""{"solution": "\\boxed{1}", "domain": "a"}""", "problem: missing (required).")]
    public void Load_MalformedMathRow_ErrorNamesFileLineAndField(string row, string expected)
    {
        var path = Write("math.jsonl", row);

        var e = Assert.Throws<MpoInputException>(() => TaskDataLoader.Load(TaskCatalog.MathReasoning, path));

        Assert.StartsWith($"{path}:1: {expected}", e.Message);
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesFile()
    {
        var path = Path.Combine(_folder, "absent.jsonl");

        var e = Assert.Throws<MpoInputException>(() => TaskDataLoader.Load(TaskCatalog.EssayWriting, path));

        Assert.StartsWith(path + ": cannot read the file", e.Message);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
