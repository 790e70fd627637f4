using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mpo.Cli.Runs;

/// <summary>
/// Renders Spectre.Console widgets to the command's output writer (not the process console), plain text without
/// colour codes, so output is the same in a terminal, a pipe and an in-process test.
/// </summary>
internal static class TextTables
{
    /// <summary>Writes <paramref name="widget"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, IRenderable widget)
    {
        ArgumentNullException.ThrowIfNull(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 120;
        console.Write(widget);
    }

    /// <summary>A two-column key/value table.</summary>
    public static Table KeyValues(IEnumerable<(string Key, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("key").AddColumn("value");
        foreach (var (key, value) in rows)
        {
            table.AddRow(new Text(key), new Text(value));
        }

        return table;
    }

    /// <summary>A JSON value as a table cell: strings unquoted, times as UTC to the second, numbers to 6 significant digits, null as <c>-</c>.</summary>
    public static string Show(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
            double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture).ToString("G6", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<DateTimeOffset>(out var time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Deserialize<string>(v.ToJsonString())!,
        _ => node.ToJsonString(),
    };
}
