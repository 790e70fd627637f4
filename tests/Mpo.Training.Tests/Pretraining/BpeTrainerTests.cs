using System.Text.RegularExpressions;
using Mpo.Judging.Bundled;
using Mpo.TestSupport;
using Mpo.Training.Pretraining;
using Mpo.Training.Tokenization;

namespace Mpo.Training.Tests.Pretraining;

public sealed class BpeTrainerTests
{
    private static readonly Regex Pieces = new(TokenizerJsonReader.Gpt2Pattern);

    private static IEnumerable<string> CorpusTexts() =>
        MiniQaData.Corpus(4000, 0).Select(p => p.Prompt + PolicyPretraining.ResponseText(p.Response));

    private static ModelTokenizer TrainAndLoad(TempFolder folder)
    {
        TokenizerFilesWriter.Write(BpeTrainer.Train(CorpusTexts()), folder.Path, 64);
        return ModelTokenizer.Load(folder.Path);
    }

    [Fact]
    public void Train_MiniQaCorpus_EveryWordOfEveryPromptAndAnswerIsOneToken()
    {
        using var folder = new TempFolder();
        var tokenizer = TrainAndLoad(folder);

        foreach (var example in MiniQaData.All())
        {
            foreach (var response in example.ValidResponses)
            {
                var text = example.Prompt + PolicyPretraining.ResponseText(response);
                var ids = tokenizer.Encode(text);
                Assert.True(ids.Length == Pieces.Matches(text).Count, $"'{text}' took {ids.Length} tokens");
            }
        }
    }

    [Theory]
    [InlineData("what is 7 plus 12 ? the answer is 19 .")]
    [InlineData("unseen wörds, émojis ✓ and\ttabs\n 123456!")]
    [InlineData("<|endoftext|>describe the red ball .<|endoftext|>")]
    public void Encode_Decode_RoundTripsText(string text)
    {
        using var folder = new TempFolder();
        var tokenizer = TrainAndLoad(folder);

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text), skipSpecialTokens: false));
    }

    [Fact]
    public void Load_WrittenFiles_EndOfTextIsBosAndEosPadIsDistinctAndPromptsStartWithBos()
    {
        using var folder = new TempFolder();
        var tokenizer = TrainAndLoad(folder);

        Assert.Equal(0, tokenizer.TokenToId("<|endoftext|>"));
        Assert.Equal([0], tokenizer.Specials.EosTokenIds);
        Assert.Equal(1, tokenizer.TokenToId("<pad>"));
        Assert.Equal(1, tokenizer.Specials.PadTokenId);
        Assert.True(tokenizer.Specials.AddBosToken);
        Assert.Null(tokenizer.Specials.ChatTemplate);
        Assert.Equal(0, tokenizer.Encode("add 1 and 2 .", addBos: true)[0]);
        Assert.Equal("add 1 and 2 .", tokenizer.Decode(tokenizer.Encode("add 1 and 2 .", addBos: true)));
    }

    [Fact]
    public void Write_SameCorpusTwice_ByteIdenticalFiles()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();

        TokenizerFilesWriter.Write(BpeTrainer.Train(CorpusTexts()), a.Path, 64);
        TokenizerFilesWriter.Write(BpeTrainer.Train(CorpusTexts()), b.Path, 64);

        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, name)), File.ReadAllBytes(Path.Combine(b.Path, name)));
        }
    }

    [Fact]
    public void Train_MinFrequencyAndCap_StopMerging()
    {
        var texts = new[] { "aaab aaab", "ab" };

        var none = BpeTrainer.Train(texts, new BpeTrainerOptions { MinFrequency = 100 });
        var capped = BpeTrainer.Train(texts, new BpeTrainerOptions { MaxVocabularySize = 259 });
        var all = BpeTrainer.Train(texts);

        Assert.Empty(none.Merges);
        Assert.Equal(258, none.Tokens.Count); // two special tokens + 256 bytes
        Assert.Single(capped.Merges);
        Assert.Equal(("a", "a"), capped.Merges[0]); // "aa" ×4 beats "ab" ×3 and " a" ×1
        Assert.Contains("aaab", all.Tokens); // aa (4), then ab (3), then aa+ab (2)
        Assert.DoesNotContain("Ġaa", all.Tokens); // once only: below MinFrequency 2
        Assert.Equal(all.Tokens.Count, all.Tokens.Distinct().Count());
    }
}
