using System.Text.Json;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests;

public class RubricCommandTests
{
    private const string V1 =
        "<rubric>\n<item>\n### Length\nAt least a few words. Score 0 to 5.\n</item>\n" +
        "<item check=\"words &gt;= 20 score 0..5\">\nLong enough.\n</item>\nNOTE: outside items, ignored.\n</rubric>\n";

    private const string V2 =
        "<rubric>\n<item check=\"words &gt;= 30 score 0..5\">\nLong enough.\n</item>\n" +
        "<item check=\"completed score 0..5\">\nFinished response.\n</item>\n</rubric>\n";

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MpoCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Parse_Json_ItemsWithIdsChecksRanges()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "v1.txt");
        await File.WriteAllTextAsync(file, V1);

        var (code, output, _) = await Run("rubric", "parse", file, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var items = doc.RootElement.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.StartsWith("i", items[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("check").ValueKind);
        Assert.Equal("words >= 20 score 0..5", items[1].GetProperty("check").GetString());
        Assert.Equal(5, items[1].GetProperty("range").GetProperty("max").GetInt32());
        Assert.Equal(10, doc.RootElement.GetProperty("maximum").GetDouble());
    }

    [Fact]
    public async Task Parse_BadCheck_ExitOneErrorNamesFileItemColumn()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "bad.txt");
        await File.WriteAllTextAsync(file, "<rubric><item check=\"words &gt;&gt;= 3\">x</item></rubric>");

        var (code, _, error) = await Run("rubric", "parse", file);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: {file}: item #1 (", error);
        Assert.Contains("column 8", error);
    }

    [Fact]
    public async Task Parse_MissingFile_ExitOneNamesFile()
    {
        var (code, _, error) = await Run("rubric", "parse", "no/such/rubric.txt");

        Assert.Equal(1, code);
        Assert.Equal("error: no/such/rubric.txt: file not found.", error.Trim());
    }

    [Fact]
    public async Task Diff_TwoFiles_UnifiedStyleText()
    {
        using var folder = new TempFolder();
        string a = Path.Combine(folder.Path, "a.txt"), b = Path.Combine(folder.Path, "b.txt");
        await File.WriteAllTextAsync(a, V1);
        await File.WriteAllTextAsync(b, V2);

        var (code, output, _) = await Run("rubric", "diff", a, b);

        Assert.Equal(0, code);
        Assert.StartsWith($"--- {a}\n+++ {b}\n@@ removed i", output);
        Assert.Contains("-check: words >= 20 score 0..5\n+check: words >= 30 score 0..5\n", output);
        Assert.EndsWith("1 added, 1 removed, 1 changed, 0 unchanged\n", output);
    }
}
