namespace Mpo.Cli.Tests.Commands;

public class MathCommandTests
{
    [Fact]
    public async Task Extract_Json_FirstBoxedAnswer()
    {
        var (code, output, _) = await CliRun.RunAsync("math", "extract", @"AF = \boxed{\frac{25}{13}} = \boxed{1\frac{12}{13}}", "--json");

        Assert.Equal(0, code);
        Assert.Equal("{\"answer\":\"\\\\frac{25}{13}\"}", output.TrimEnd());
    }

    [Fact]
    public async Task Extract_NoBox_JsonNull()
    {
        var (code, output, _) = await CliRun.RunAsync("math", "extract", "the answer is 4", "--json");

        Assert.Equal(0, code);
        Assert.Equal("{\"answer\":null}", output.TrimEnd());
    }

    [Fact]
    public async Task Extract_Text_PrintsAnswer()
    {
        var (_, output, _) = await CliRun.RunAsync("math", "extract", @"so \boxed{x = 5}.");

        Assert.Equal("x = 5", output.TrimEnd());
    }

    [Theory]
    [InlineData(@"\dfrac{1}{2}", "0.5", true)]
    [InlineData("0.25", @"\frac14", false)]
    [InlineData("10,000", "10000", false)]
    public async Task Equiv_Json_Verdict(string a, string b, bool expected)
    {
        var (code, output, _) = await CliRun.RunAsync("math", "equiv", a, b, "--json");

        Assert.Equal(0, code);
        Assert.Equal($"{{\"equivalent\":{(expected ? "true" : "false")}}}", output.TrimEnd());
    }

    [Fact]
    public async Task Equiv_Text_ShowsNormalisedForms()
    {
        var (code, output, _) = await CliRun.RunAsync("math", "equiv", "k = 3/4", @"\frac34");

        Assert.Equal(0, code);
        Assert.StartsWith("equivalent", output);
        Assert.Contains(@"→  \frac{3}{4}", output);
    }

    [Fact]
    public async Task Equiv_NegativeAnswerAfterDoubleDash_Parsed()
    {
        var (code, output, _) = await CliRun.RunAsync("math", "equiv", "--json", "--", "-3/4", @"\frac{-3}{4}");

        Assert.Equal(0, code);
        Assert.Equal("{\"equivalent\":true}", output.TrimEnd());
    }

    [Fact]
    public async Task Equiv_MissingArgument_UsageError()
    {
        var (code, _, error) = await CliRun.RunAsync("math", "equiv", "1");

        Assert.Equal(2, code);
        Assert.Contains("error:", error);
    }
}
