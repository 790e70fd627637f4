using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Rubrics;

public class RubricMergeTests
{
    private static RubricItem Item(string text, string? check = null) => new(RubricFormat.IdFor(text), text, check);

    [Fact]
    public void Merge_DuplicatesByNormalisedText_FirstSeenKeptInOrder()
    {
        var current = new Rubric([Item("Clarity of argument."), Item("Evidence quality.")]);
        var proposed = new Rubric([Item("New: concise.", "words <= 300"), Item("  EVIDENCE   quality. "), Item("Clarity of argument.", "words >= 5")]);

        var merged = RubricMerge.Merge(current, proposed);

        Assert.Equal(["Clarity of argument.", "Evidence quality.", "New: concise."], merged.Items.Select(i => i.Text).ToArray());
        Assert.Null(merged.Items[0].Check);
    }

    [Fact]
    public void Merge_SameInputsTwice_IdenticalRendering()
    {
        var sets = Enumerable.Range(0, 5).Select(k => new Rubric(Enumerable.Range(0, 6).Select(i => Item($"criterion {(i * 7 + k) % 9}")).ToList())).ToList();

        var first = RubricFormat.Render(RubricMerge.Merge(sets));
        var second = RubricFormat.Render(RubricMerge.Merge(sets.Select(s => new Rubric(s.Items.ToList())).ToList()));

        Assert.Equal(first, second);
        Assert.Equal(9, RubricMerge.Merge(sets).Items.Count);
        Assert.StartsWith("<rubric>\n<item id=\"" + RubricFormat.IdFor("criterion 0"), first);
    }
}
