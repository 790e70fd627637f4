using Mpo.TestSupport;
using System.Text.Json;
using Mpo.Judging.Metrics.MathAnswers;

namespace Mpo.Judging.Tests.Metrics.MathAnswers;

public class BoxedAnswerTests
{
    public static TheoryData<string> TestProblemFiles()
    {
        var data = new TheoryData<string>();
        var root = SharedData.Path("math", "problems", "test");
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void TestProblemFiles_AreThe35Fixtures()
    {
        Assert.Equal(35, TestProblemFiles().Count);
    }

    [Theory]
    [MemberData(nameof(TestProblemFiles))]
    public void ExtractFirst_ReferenceSolution_RecoversGoldAnswer(string relativePath)
    {
        // Arrange: the problem file and its gold pair (matched by the problem text inside the gold query).
        using var problem = JsonDocument.Parse(File.ReadAllText(SharedData.Path("math", "problems", "test", relativePath)));
        var statement = problem.RootElement.GetProperty("problem").GetString()!;
        var solution = problem.RootElement.GetProperty("solution").GetString()!;
        var gold = GoldAnswers().Single(g => g.Query.Contains("Problem:\n" + statement + "\n", StringComparison.Ordinal)).Gold;

        // Act
        var answer = BoxedAnswer.ExtractFirst(solution);

        // Assert
        Assert.NotNull(answer);
        Assert.Equal(gold, answer.Trim());
        Assert.True(MathEquivalence.IsEquivalent(answer, gold));
    }

    [Fact]
    public void ExtractFirst_Geometry66TwoBoxes_TakesTheFirst()
    {
        var solution = JsonDocument.Parse(File.ReadAllText(SharedData.Path("math", "problems", "test", "geometry", "66.json")))
            .RootElement.GetProperty("solution").GetString();

        Assert.Equal(@"\frac{25}{13}", BoxedAnswer.ExtractFirst(solution));
        Assert.False(MathEquivalence.IsEquivalent(@"\frac{25}{13}", @"1\frac{12}{13}"));
    }

    [Theory]
    [InlineData(@"so $\boxed{\frac{1}{2}}$.", @"\frac{1}{2}")]
    [InlineData(@"\boxed{\left(3, \frac{\pi}{2} \right)} and \boxed{7}", @"\left(3, \frac{\pi}{2} \right)")]
    [InlineData(@"\boxed{ 5 }", " 5 ")]
    [InlineData(@"\boxed{}", "")]
    [InlineData(@"unbalanced \boxed{\frac{1}{2} to the end", @"\frac{1}{2} to the end")]
    [InlineData(@"\boxed {17} then \boxed{18}", "18")]
    public void ExtractFirst_Cases(string text, string expected)
    {
        Assert.Equal(expected, BoxedAnswer.ExtractFirst(text));
    }

    [Theory]
    [InlineData("no box here")]
    [InlineData(@"\fbox{3}")]
    [InlineData(@"\boxed {3}")]
    public void ExtractFirst_NoBoxedOpener_ReturnsNull(string text)
    {
        Assert.Null(BoxedAnswer.ExtractFirst(text));
    }

    [Fact]
    public void IsCorrect_ResponseWithoutBox_IsWrong()
    {
        Assert.False(MathEquivalence.IsCorrect("The answer is 5.", "5"));
        Assert.True(MathEquivalence.IsCorrect(@"Thus \boxed{x = 5}.", "5"));
        Assert.Equal(0.5, MathEquivalence.Accuracy([(@"\boxed{\dfrac{9}{7}}", @"\frac{9}{7}"), ("9/7", @"\frac{9}{7}")]));
    }

    [Fact]
    public void IsCorrect_RemoveSpaces_AsTheRewardRule()
    {
        // Two "\text{ " units make normalisation fail (raw comparison); removing spaces first avoids that path.
        const string gold = @"5\text{ m}\text{ s}";
        Assert.False(MathEquivalence.IsCorrect(@"\boxed{5\text{ m}\text{s}}", gold));
        Assert.True(MathEquivalence.IsCorrect(@"\boxed{5\text{ m}\text{s}}", gold, removeSpaces: true));
    }

    private static IEnumerable<(string Query, string Gold)> GoldAnswers() =>
        File.ReadLines(SharedData.Path("math", "gold_answers.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("query").GetString()!, e.GetProperty("gold").GetString()!));
}
