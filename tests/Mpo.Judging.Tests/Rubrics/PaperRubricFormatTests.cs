using Mpo.Core;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Rubrics;

public class PaperRubricFormatTests
{
    // Written in the structure the paper's expert essay rubric uses (rubrics/README.md §3), not its text.
    internal static string ExpertStyleRubric()
    {
        static string Item(string name, int top) =>
            $"<item>\n### {name}\n" + string.Concat(Enumerable.Range(1, top).Reverse().Select(n =>
                $"#### Criterion for Integer Score: **{n}**\n- Does the writing show level {n} of {name.ToLowerInvariant()}?\n  - A guiding question.\n")) + "</item>\n";
        return "<rubric>\n" + Item("Ideas and Content", 6) + Item("Organization", 6) + Item("Style", 6) + Item("Voice", 6) +
               Item("Language Conventions", 4) +
               "NOTE: apply the elements holistically; a paper of two or three sentences gets at most 2 points.\n</rubric>\n";
    }

    [Fact]
    public void Parse_ExpertStructure_FiveItemsNoteIgnoredRangesRead()
    {
        var rubric = RubricFormat.Parse(ExpertStyleRubric(), "expert.txt");

        Assert.Equal(5, rubric.Items.Count);
        Assert.StartsWith("### Ideas and Content", rubric.Items[0].Text);
        Assert.DoesNotContain(rubric.Items, i => i.Text.Contains("NOTE", StringComparison.Ordinal));
        Assert.Equal(["1..6", "1..6", "1..6", "1..6", "1..4"], rubric.Items.Select(i => ScoreRange.FromText(i.Text)?.ToString() ?? "none").ToArray());
        var scale = RubricScale.Of(rubric);
        Assert.Equal(5, scale.Minimum);
        Assert.Equal(28, scale.Maximum);
    }

    [Fact]
    public void Parse_ItemsWithSurroundingWhitespace_TrimmedAndIdsStable()
    {
        const string text = "  <rubric>\n\n<item>\n\n   Rate the discourse of the essay from 0 (worst) to 5 (best).  \n\n</item>\n\n\n<item>Second item, integer score 0 to 3.</item></rubric>  ";

        var rubric = RubricFormat.Parse(text);

        Assert.Equal("Rate the discourse of the essay from 0 (worst) to 5 (best).", rubric.Items[0].Text);
        Assert.Equal(RubricFormat.IdFor("rate the discourse   of the essay from 0 (worst) to 5 (best)."), rubric.Items[0].Id);
        Assert.Equal(new ScoreRange(0, 5), ScoreRange.FromText(rubric.Items[0].Text));
        Assert.Equal(new ScoreRange(0, 3), ScoreRange.FromText(rubric.Items[1].Text));
    }

    [Fact]
    public void Parse_NoItems_ErrorNamesTheFile()
    {
        var e = Assert.Throws<MpoInputException>(() => RubricFormat.Parse("<rubric>only a note</rubric>", "bad.txt"));
        Assert.StartsWith("bad.txt:", e.Message);
    }

    [Fact]
    public void RenderThenParse_ItemsWithChecks_RoundTrip()
    {
        var rubric = new Rubric(
        [
            new RubricItem("a1", "First & <second>", "regex \"<b>\\d+\" must match score 0..5"),
            new RubricItem(RubricFormat.IdFor("plain"), "plain"),
        ]);

        var parsed = RubricFormat.Parse(RubricFormat.Render(rubric));

        Assert.Equal(rubric.Items, parsed.Items);
    }
}
