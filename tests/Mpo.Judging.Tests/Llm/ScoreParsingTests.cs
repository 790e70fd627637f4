using Mpo.Judging.Rubrics;
using System.Text.Json;
using Mpo.Core;
using Mpo.Judging.Llm;

namespace Mpo.Judging.Tests.Llm;

public sealed class ScoreParsingTests
{
    [Theory]
    [InlineData("4", 4)]
    [InlineData("Score: 3/5", 3)]
    [InlineData("  5\n", 5)]
    public void TryParse_ReplyWithInteger_TakesFirstInteger(string reply, int expected)
    {
        Assert.True(ScoreParser.TryParse(reply, new ScoreRange(0, 5), out var score, out var failure));
        Assert.Equal(expected, score);
        Assert.Null(failure);
    }

    [Theory]
    [InlineData("excellent", "no integer")]
    [InlineData("7", "outside the declared range")]
    [InlineData("", "no integer")]
    public void TryParse_BadReply_FailsWithCause(string reply, string cause)
    {
        Assert.False(ScoreParser.TryParse(reply, new ScoreRange(0, 5), out _, out var failure));
        Assert.Contains(cause, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rate it with an integer score from 0 (worst) to 5 (best).", 0, 5)]
    [InlineData("Give a score between 1 and 10.", 1, 10)]
    [InlineData("### Ideas\n#### Criterion for Integer Score: **6**\n...\n#### Criterion for Integer Score: **1**\n", 1, 6)]
    [InlineData("Use a scale of 1 to 10. A score from 4 to 6 means adequate.", 1, 10)]
    [InlineData("### Depth\n- +2: deep insight, for example a counter-argument.\n- -1: shallow.", -1, 2)]
    public void FromText_ItemStatesRange_ReadsTheWidest(string text, int min, int max) =>
        Assert.Equal(new ScoreRange(min, max), ScoreRange.FromText(text));

    [Theory]
    [InlineData("Award 2 points for each of 3 examples.")]
    public void FromText_ItemWithoutRange_IsNull(string text) => Assert.Null(ScoreRange.FromText(text));

    [Theory]
    [InlineData("3", 3000)]
    [InlineData("0.5", 500)]
    [InlineData("Wed, 21 Oct 2015 07:28:10 GMT", 10_000)]
    public void ParseRetryAfter_SecondsOrDate_GivesDelay(string value, int expectedMs)
    {
        var now = new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), JudgeErrorMapping.ParseRetryAfter(value, now));
    }

    [Theory]
    [InlineData("""{"data":[{"id":"m","owned_by":"vllm"}]}""", GuidedDecoding.Vllm)]
    [InlineData("""{"data":[{"id":"x","owned_by":"sglang"},{"id":"m","owned_by":"sglang"}]}""", GuidedDecoding.Sglang)]
    [InlineData("""{"data":[{"id":"m","owned_by":"library"}]}""", GuidedDecoding.None)]
    [InlineData("""{"models":[]}""", GuidedDecoding.None)]
    public void FromModels_Owner_MapsToGuidedMode(string json, GuidedDecoding expected)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(expected, GuidedDecodingProbe.FromModels(doc.RootElement, "m"));
    }

    [Theory]
    [InlineData("", "base_url")]
    [InlineData("ftp://x/v1", "base_url")]
    public void Validate_BadBaseUrl_NamesField(string url, string field)
    {
        var options = new JudgeEndpointOptions { BaseUrl = url, Model = "m" };
        var error = Assert.Throws<MpoInputException>(() => options.Validate("judges.json: Judge"));
        Assert.Contains($"judges.json: Judge: field '{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyInsteadOfVariableName_Rejected()
    {
        var options = new JudgeEndpointOptions { BaseUrl = "http://127.0.0.1:8000/v1", Model = "m", ApiKeyEnv = "sk-abc.def" };
        var error = Assert.Throws<MpoInputException>(() => options.Validate());
        Assert.Contains("field 'api_key_env'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TemperatureOutOfRange_NamesField()
    {
        var options = new JudgeEndpointOptions { BaseUrl = "http://127.0.0.1:8000/v1", Model = "m", Temperature = 5 };
        var error = Assert.Throws<MpoInputException>(() => options.Validate());
        Assert.Contains("field 'temperature'", error.Message, StringComparison.Ordinal);
    }
}
