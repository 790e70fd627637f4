using System.CommandLine;
using System.Text.Json;
using Mpo.Core;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo rubric …</c>: work with rubric files. <c>parse FILE</c> lists items with ids, checks and score ranges;
/// <c>diff A B</c> shows what changed between two versions. Further subcommands (a run's history, one version) are
/// added to the same <c>rubric</c> command.
/// </summary>
internal static class RubricCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var command = new Command("rubric", "Parse rubric files, compare rubric versions, and read a run's rubric history.");
        command.Subcommands.Add(CreateParse());
        command.Subcommands.Add(CreateDiff());
        command.Subcommands.Add(RubricHistoryCommand.Create());
        command.Subcommands.Add(RubricShowCommand.Create());
        return command;
    }

    private static Command CreateParse()
    {
        var file = new Argument<string>("FILE") { Description = "A rubric file (<rubric><item>…</item></rubric>)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("parse", "List a rubric file's items with their ids, checks and score ranges.") { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var rubric = Load(path);
            var items = rubric.Items.Select(i => new { id = i.Id, text = i.Text, check = i.Check, range = EmbeddedItemScorer.RangeOf(i) }).ToList();
            var scale = RubricScale.Of(rubric);
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        file = path,
                        items = items.Select(i => new { i.id, i.text, i.check, range = i.range is null ? null : new { min = i.range.Min, max = i.range.Max } }),
                        minimum = scale.Minimum,
                        maximum = scale.Maximum,
                        itemsWithoutRange = scale.ItemsWithoutRange,
                    },
                    Json));
                return 0;
            }

            o.WriteLine($"{path}: {items.Count} item(s), total range {scale.Minimum}..{scale.Maximum}" +
                (scale.ItemsWithoutRange.Count > 0 ? $" ({scale.ItemsWithoutRange.Count} item(s) without a declared range)" : ""));
            for (int n = 0; n < items.Count; n++)
            {
                var i = items[n];
                o.WriteLine($"#{n + 1} {i.id}  range {i.range?.ToString() ?? "(none)"}  check {i.check ?? "(none)"}");
                o.WriteLine($"   {FirstLine(i.text)}");
            }

            return 0;
        });
        return command;
    }

    private static Command CreateDiff()
    {
        var before = new Argument<string>("A") { Description = "The older rubric file." };
        var after = new Argument<string>("B") { Description = "The newer rubric file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("diff", "Show the items added, removed and changed between two rubric files (matched by id).") { before, after, json };
        command.SetAction(parse =>
        {
            string a = parse.GetValue(before)!, b = parse.GetValue(after)!;
            var diff = RubricDiff.Compute(Load(a), Load(b));
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        before = a,
                        after = b,
                        added = diff.Added,
                        removed = diff.Removed,
                        changed = diff.Changed.Select(c => new { id = c.After.Id, before = c.Before, after = c.After }),
                        unchanged = diff.Unchanged,
                    },
                    Json));
            }
            else
            {
                o.Write(diff.Render(a, b));
            }

            return 0;
        });
        return command;
    }

    private static Rubric Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MpoInputException($"{path}: file not found.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MpoInputException($"{path}: cannot read: {e.Message}", e);
        }

        var rubric = RubricFormat.Parse(text, path);
        RubricValidation.Validate(rubric, path);
        return rubric;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 100 ? line[..97] + "..." : line;
    }
}
