using Mpo.Core;
using Mpo.TestSupport;
using Mpo.Training.Tokenization;

namespace Mpo.Training.Tests.Tokenization;

public class ModelTokenizerTests
{
    [Theory]
    [InlineData(true, new[] { 256 })]
    [InlineData(false, new[] { 97, 98 })]
    public void Encode_WordInVocabularyWithoutMerge_IsOneTokenOnlyWithIgnoreMerges(bool ignoreMerges, int[] expected)
    {
        // Arrange: the 256 byte tokens (id = byte) plus "ab", which no merge rule builds.
        using var temp = new TempFolder();
        var vocab = string.Join(',', Enumerable.Range(0, 256).Select(b => $"{Quote(ByteLevelAlphabet.ToChar((byte)b).ToString())}:{b}"));
        var flag = ignoreMerges ? "true" : "false";
        File.WriteAllText(
            Path.Combine(temp.Path, "tokenizer.json"),
            "{\"added_tokens\":[],\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"use_regex\":true},\"model\":{\"type\":\"BPE\",\"ignore_merges\":" + flag +
            ",\"vocab\":{" + vocab + ",\"ab\":256},\"merges\":[]}}");

        // Act
        var ids = ModelTokenizer.Load(temp.Path).Encode("ab");

        // Assert
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void Load_WordPieceModel_IsAnErrorNamingFileAndField()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "tokenizer.json"), """{"model":{"type":"WordPiece","vocab":{}}}""");

        var error = Assert.Throws<MpoInputException>(() => ModelTokenizer.Load(temp.Path));

        Assert.Contains("tokenizer.json", error.Message);
        Assert.Contains("'model.type' is 'WordPiece'", error.Message);
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
