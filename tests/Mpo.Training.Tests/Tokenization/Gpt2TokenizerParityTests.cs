using Mpo.Training.Tests.Support;
using Mpo.Training.Tokenization;

namespace Mpo.Training.Tests.Tokenization;

public class Gpt2TokenizerParityTests(Gpt2Vocabulary vocabulary) : IClassFixture<Gpt2Vocabulary>
{
    private static readonly string[] Corpus =
    [
        "Hello world! This is a test.",
        "The quick brown fox jumps over the lazy dog; it's what they'd've done, isn't it?",
        "   leading spaces, trailing spaces   ",
        "tabs\tand\nnewlines\n\n\nand  double  spaces    four",
        "Ünïcödé àccénts: naïve café, résumé, Straße, Ægir, øre",
        "中文分词测试：你好，世界！日本語のテキストも。한국어 문장.",
        "Emoji 🎉🚀👍🏽 and flags 🇫🇷 and ZWJ 👨‍👩‍👧‍👦 sequences",
        "def f(x):\n    return [i**2 for i in range(x) if i % 3 == 0]  # comment",
        "int main() { printf(\"%d\\n\", a[i] >> 2 & 0xFF); return 0; }",
        "Numbers: 3.14159, 2,718,281, 1e-10, -42, 007, 1234567890123 and 12:30pm",
        "URLs like https://example.com/path?q=1&r=two#frag and mails a.b@c.de",
        "Mixed: ÀÉÎ 123abc ABC123 ___ --- *** ... !!! ???",
        "Ends with the special token<|endoftext|>and continues",
        "Ελληνικά και Русский текст, עברית, العربية",
    ];

    [Fact]
    public void Encode_VariedCorpus_MatchesGpt3Encoder()
    {
        // Arrange
        var tokenizer = ModelTokenizer.Load(vocabulary.Folder);
        var ordinary = Corpus.Where(t => !t.Contains("<|endoftext|>")).ToList();

        // Act
        var expected = Gpt2Vocabulary.ReferenceIds(ordinary);

        // Assert
        for (int i = 0; i < ordinary.Count; i++)
        {
            Assert.Equal(expected[i], tokenizer.Encode(ordinary[i]));
        }
    }

    [Fact]
    public void Encode_TextWithSpecialToken_EmitsItsIdBetweenTheOrdinaryParts()
    {
        var tokenizer = ModelTokenizer.Load(vocabulary.Folder);
        var parts = Gpt2Vocabulary.ReferenceIds(["Ends with the special token", "and continues"]);

        var ids = tokenizer.Encode("Ends with the special token<|endoftext|>and continues");

        Assert.Equal([.. parts[0], 50256, .. parts[1]], ids);
        Assert.Equal([50256], tokenizer.Specials.EosTokenIds);
    }

    [Fact]
    public void Decode_EncodedCorpus_GivesTheTextBack()
    {
        var tokenizer = ModelTokenizer.Load(vocabulary.Folder);

        foreach (var text in Corpus)
        {
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text), skipSpecialTokens: false));
        }
    }
}
