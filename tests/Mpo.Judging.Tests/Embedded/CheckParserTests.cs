using Mpo.Judging.Embedded.Checks;

namespace Mpo.Judging.Tests.Embedded;

public class CheckParserTests
{
    [Theory]
    [InlineData("words between 5 and 40")]
    [InlineData("words >= 20")]
    [InlineData("regex \"\\d+\" must match")]
    [InlineData("regex \"as the grader\" must not match")]
    [InlineData("max_repeated_ngram(3) <= 0.2")]
    [InlineData("distinct(2) >= 0.6")]
    [InlineData("prompt_overlap(3) <= 0.5")]
    [InlineData("boxed_equals_gold")]
    [InlineData("verdict_present score 0..5")]
    [InlineData("ends_with \".\"")]
    [InlineData("not completed or injection_free and top_word_share < 0.1")]
    [InlineData("scale words from 400 to 200 score 0..5")]
    public void Parse_DocumentedExamples_RenderIsCanonicalAndStable(string text)
    {
        var check = CheckParser.Parse(text);
        var rendered = CheckRenderer.Render(check);

        Assert.Equal(check, CheckParser.Parse(rendered));
        Assert.Equal(rendered, CheckRenderer.Render(CheckParser.Parse(rendered)));
    }

    [Fact]
    public void Parse_Precedence_AndBindsTighterThanOr()
    {
        var check = (ConditionCheck)CheckParser.Parse("completed or words > 3 and not verdict_present");

        var or = Assert.IsType<OrCondition>(check.Condition);
        Assert.IsType<FlagCondition>(or.Left);
        var and = Assert.IsType<AndCondition>(or.Right);
        Assert.IsType<NotCondition>(and.Right);
    }

    [Fact]
    public void Parse_BetweenInsideAnd_ConsumesItsOwnAnd()
    {
        var check = (ConditionCheck)CheckParser.Parse("words between 5 and 40 and distinct(2) >= 0.5 score 0..3");

        var and = Assert.IsType<AndCondition>(check.Condition);
        Assert.Equal(new BetweenCondition(new Measure(MeasureKind.Words), 5, 40), and.Left);
        Assert.Equal(new CheckScore(0, 3), check.Score);
    }

    [Theory]
    [InlineData("words >= ", 10, "expected a number")]
    [InlineData("wordz >= 5", 1, "unknown condition or measure 'wordz'")]
    [InlineData("words = 5", 7, "unexpected character '='")]
    [InlineData("regex \"abc must match", 7, "string is not closed")]
    [InlineData("regex \"(\" must match", 7, "invalid regex")]
    [InlineData("distinct(0) >= 1", 10, "n-gram size must be between 1 and 10")]
    [InlineData("words > 3 score 5..0", 17, "min < max")]
    [InlineData("words > 3 extra", 11, "expected the end of the check")]
    [InlineData("(completed", 11, "expected ')'")]
    [InlineData("words between 9 and 3", 21, "needs A <= B")]
    public void Parse_Invalid_ErrorNamesColumnAndProblem(string text, int column, string problem)
    {
        var e = Assert.Throws<CheckSyntaxException>(() => CheckParser.Parse(text));

        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"check \"{text}\": column {column}:", e.Message);
    }

    [Fact]
    public void RenderThenParse_RandomChecks_RoundTrip()
    {
        // Property: for generated ASTs, Parse(Render(c)) == c (seeded, 500 cases).
        var random = new Random(42);
        for (int n = 0; n < 500; n++)
        {
            var check = RandomCheck(random);
            var text = CheckRenderer.Render(check);
            Assert.True(check == CheckParser.Parse(text), $"round trip failed for: {text}");
        }
    }

    private static Check RandomCheck(Random r)
    {
        if (r.Next(5) == 0)
        {
            int from = r.Next(0, 100), to = from + 1 + r.Next(100);
            return r.Next(2) == 0
                ? new ScaleCheck(RandomMeasure(r), from, to, new CheckScore(0, 5))
                : new ScaleCheck(RandomMeasure(r), to, from / 4.0, new CheckScore(r.Next(-3, 1), r.Next(1, 10)));
        }

        return new ConditionCheck(RandomCondition(r, 3), r.Next(2) == 0 ? null : new CheckScore(r.Next(-5, 2), r.Next(2, 10)));
    }

    private static CheckCondition RandomCondition(Random r, int depth)
    {
        int pick = r.Next(depth > 0 ? 9 : 6);
        return pick switch
        {
            0 => new CompareCondition(RandomMeasure(r), (CompareOp)r.Next(6), Math.Round((r.NextDouble() * 200) - 50, 3)),
            1 => new BetweenCondition(RandomMeasure(r), r.Next(0, 10), r.Next(10, 500) + 0.25),
            2 => new RegexCondition(RandomString(r), r.Next(2) == 0),
            3 => new EndsWithCondition(RandomString(r)),
            4 => new FlagCondition((CheckFlag)r.Next(Enum.GetValues<CheckFlag>().Length)),
            5 => new CompareCondition(RandomMeasure(r), CompareOp.LessOrEqual, r.Next(100) / 100.0),
            6 => new AndCondition(RandomCondition(r, depth - 1), RandomCondition(r, depth - 1)),
            7 => new OrCondition(RandomCondition(r, depth - 1), RandomCondition(r, depth - 1)),
            _ => new NotCondition(RandomCondition(r, depth - 1)),
        };
    }

    private static Measure RandomMeasure(Random r)
    {
        var kind = (MeasureKind)r.Next(6);
        return kind is MeasureKind.Words or MeasureKind.Chars or MeasureKind.TopWordShare ? new Measure(kind) : new Measure(kind, r.Next(1, 11));
    }

    private static string RandomString(Random r)
    {
        // Quotes, backslashes (also trailing) and spaces: the escaping must survive them. Kept regex-valid.
        string[] parts = ["a", "\\\\", "\\\"", "\"", " ", "x y", "\\.", "é", "and", "score"];
        return string.Concat(Enumerable.Range(0, r.Next(1, 6)).Select(_ => parts[r.Next(parts.Length)]));
    }
}
