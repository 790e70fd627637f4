using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Rubrics;

public class RubricDiffTests
{
    [Fact]
    public void Compute_AddedRemovedChangedCheck_ByIdAndRendered()
    {
        var keep = new RubricItem("keep", "Keeps its text.", "words >= 5");
        var before = new Rubric([keep, new RubricItem("gone", "Old item.\nSecond line."), new RubricItem("chk", "Length.", "words >= 10")]);
        var after = new Rubric([keep, new RubricItem("chk", "Length.", "words >= 20 score 0..5"), new RubricItem("new", "New item.", "completed")]);

        var diff = RubricDiff.Compute(before, after);
        var text = diff.Render("v1.txt", "v2.txt");

        Assert.Equal(["new"], diff.Added.Select(i => i.Id).ToArray());
        Assert.Equal(["gone"], diff.Removed.Select(i => i.Id).ToArray());
        Assert.Equal(["chk"], diff.Changed.Select(c => c.After.Id).ToArray());
        Assert.Equal(["keep"], diff.Unchanged.ToArray());
        Assert.Equal(
            "--- v1.txt\n+++ v2.txt\n" +
            "@@ removed gone @@\n-Old item.\n-Second line.\n" +
            "@@ added new @@\n+New item.\n+check: completed\n" +
            "@@ changed check chk @@\n Length.\n-check: words >= 10\n+check: words >= 20 score 0..5\n" +
            "1 added, 1 removed, 1 changed, 1 unchanged\n",
            text);
    }

    [Fact]
    public void Compute_SameRubric_Empty()
    {
        var rubric = RubricFormat.Parse("<rubric><item>One.</item><item>Two.</item></rubric>");
        Assert.True(RubricDiff.Compute(rubric, RubricFormat.Parse(RubricFormat.Render(rubric))).IsEmpty);
    }
}
