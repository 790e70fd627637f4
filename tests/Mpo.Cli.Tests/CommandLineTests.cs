using System.CommandLine;
using Mpo.Cli;

namespace Mpo.Cli.Tests;

public class CommandLineTests
{
    public static TheoryData<string> AllCommandPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                var path = (prefix + " " + sub.Name).Trim();
                data.Add(path);
                Walk(sub, path);
            }
        }

        Walk(MpoCommandLine.CreateRootCommand(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCommandPaths))]
    public async Task Help_OnEveryCommand_PrintsUsageAndExitsZero(string path)
    {
        var output = new StringWriter();
        var args = path.Split(' ').Append("--help").ToArray();

        var code = await MpoCommandLine.RunAsync(args, output, new StringWriter());

        Assert.Equal(MpoCommandLine.Ok, code);
        Assert.Contains("Usage:", output.ToString());
        Assert.Contains(path.Split(' ')[^1], output.ToString());
    }

    [Fact]
    public async Task Version_PrintsTheAssemblyVersion()
    {
        var output = new StringWriter();

        var code = await MpoCommandLine.RunAsync(["--version"], output, new StringWriter());

        Assert.Equal(MpoCommandLine.Ok, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.ToString().Trim());
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("info", "--no-such-option")]
    public async Task UnknownCommandOrOption_ExitsWithUsageError(params string[] args)
    {
        var error = new StringWriter();

        var code = await MpoCommandLine.RunAsync(args, new StringWriter(), error);

        Assert.Equal(MpoCommandLine.UsageError, code);
        Assert.Contains("error:", error.ToString());
    }

    [Fact]
    public async Task Info_Json_PrintsOneObjectWithTheVersion()
    {
        var output = new StringWriter();

        var code = await MpoCommandLine.RunAsync(["info", "--json"], output, new StringWriter());

        Assert.Equal(MpoCommandLine.Ok, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("version").GetString()));
    }
}
