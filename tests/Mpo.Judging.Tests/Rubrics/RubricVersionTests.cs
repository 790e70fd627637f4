using Mpo.Core;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Rubrics;

public class RubricVersionTests
{
    [Fact]
    public void ToJsonFromJson_MrmVersion_RoundTrips()
    {
        var rubric = new Rubric([new RubricItem("i1", "Be concise.", "words <= 300 score 0..5")]);
        var version = RubricVersion.Create(3, 2, 40, RubricAuthor.Mrm("embedded"), rubric, "length_blowup: FIRED");

        var json = version.ToJson();
        var back = RubricVersion.FromJson(json);

        Assert.Contains("\"kind\": \"mrm\"", json);
        Assert.Contains("\"parentVersion\": 2", json);
        Assert.Equal(version.Text, back.Text);
        Assert.Equal(["i1"], back.ItemIds.ToArray());
        Assert.Equal("mrm(embedded)", back.Author.ToString());
        Assert.Equal((3, 2, 40, "length_blowup: FIRED"), (back.Version, back.ParentVersion, back.Step, back.Analysis));
        Assert.Equal(rubric.Items, back.ToRubric().Items);
    }

    [Fact]
    public void FromJson_NotARecord_ErrorNamesSource()
    {
        var e = Assert.Throws<MpoInputException>(() => RubricVersion.FromJson("{\"version\": 1}", "v0001.json"));
        Assert.StartsWith("v0001.json:", e.Message);
    }

    [Fact]
    public void Author_ToString_PaperNames()
    {
        Assert.Equal("initial", RubricAuthor.Initial.ToString());
        Assert.Equal("file", RubricAuthor.FromFile().ToString());
    }
}
