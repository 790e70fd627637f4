using Mpo.Training.Generation;
using Mpo.Training.Model;
using Mpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Generation;

public class TextGeneratorTests
{
    private static readonly int[][] Prompts = [[5, 9, 3], [17, 2, 40, 8, 11, 23], [60]];

    [Theory]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Gpt2)]
    public void Generate_GreedyBatch_EqualsOneByOne(ModelArchitecture architecture)
    {
        using var model = TinyModels.Create(architecture);
        var options = new GenerationOptions { Greedy = true, MaxNewTokens = 10 };

        using var batch = Run(model, Prompts, options);

        for (int i = 0; i < Prompts.Length; i++)
        {
            using var single = Run(model, [Prompts[i]], options);
            Assert.Equal(single.ResponseIds(0), batch.ResponseIds(i));
            Assert.True(single.LogProbs[0].allclose(batch.LogProbs[i], atol: 1e-5));
        }
    }

    [Fact]
    public void Generate_SampledBatch_EqualsOneByOneWithRowSeeds()
    {
        using var model = TinyModels.Create(ModelArchitecture.Qwen2);
        var options = new GenerationOptions { Temperature = 0.9, TopK = 20, TopP = 0.95, Seed = 11, MaxNewTokens = 12 };

        using var batch = Run(model, Prompts, options);

        for (int i = 0; i < Prompts.Length; i++)
        {
            using var single = Run(model, [Prompts[i]], options with { Seed = 11 + (ulong)i });
            Assert.Equal(single.ResponseIds(0), batch.ResponseIds(i));
        }
    }

    [Fact]
    public void Generate_SameSeed_SameTokens_DifferentSeed_DifferentTokens()
    {
        using var model = TinyModels.Create(ModelArchitecture.Llama);
        var options = new GenerationOptions { Temperature = 1.5, Seed = 3, MaxNewTokens = 16 };

        using var a = Run(model, [Prompts[0]], options);
        using var b = Run(model, [Prompts[0]], options);
        using var c = Run(model, [Prompts[0]], options with { Seed = 4 });

        Assert.Equal(a.ResponseIds(0), b.ResponseIds(0));
        Assert.NotEqual(a.ResponseIds(0), c.ResponseIds(0));
    }

    [Fact]
    public void Generate_LogProbs_EqualLogSoftmaxOfTemperatureScaledFullForward()
    {
        // Arrange
        using var model = TinyModels.Create(ModelArchitecture.Llama);
        var options = new GenerationOptions { Temperature = 0.7, Seed = 5, MaxNewTokens = 6 };
        using var result = Run(model, [Prompts[1]], options);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // Act: recompute over prompt + response without a cache.
        var sequence = tensor(Prompts[1].Select(i => (long)i).Concat(result.ResponseIds(0)).ToArray()).unsqueeze(0);
        var logits = model.forward(new CausalLmInput(sequence)).Logits; // (1, P + T, V)
        var p = Prompts[1].Length;
        var predicting = logits.narrow(1, p - 1, result.Lengths[0]).div(0.7).log_softmax(-1); // (1, T, V)
        var expected = predicting.gather(2, sequence.narrow(1, p, result.Lengths[0]).unsqueeze(-1)).squeeze(-1);

        // Assert
        Assert.True(expected.allclose(result.LogProbs.narrow(1, 0, result.Lengths[0]), atol: 1e-5));
    }

    [Fact]
    public void Generate_StopToken_EndsThatRowOnlyAndMasksTheRest()
    {
        // Arrange: stop on the third greedy token of row 0.
        using var model = TinyModels.Create(ModelArchitecture.Llama);
        var greedy = new GenerationOptions { Greedy = true, MaxNewTokens = 8 };
        using var free = Run(model, Prompts, greedy);
        var stop = (int)free.ResponseIds(0)[2];
        var firstStopInRow1 = Array.IndexOf(free.ResponseIds(1), (long)stop);

        // Act
        using var stopped = Run(model, Prompts, greedy with { StopTokenIds = [stop], PadTokenId = 63 });

        // Assert
        Assert.Equal(3, stopped.Lengths[0]);
        Assert.Equal(free.ResponseIds(0)[..3], stopped.ResponseIds(0));
        Assert.Equal(firstStopInRow1 < 0 ? 8 : firstStopInRow1 + 1, stopped.Lengths[1]);
        var row0 = stopped.ResponseMask[0].data<long>().ToArray();
        Assert.Equal(new long[] { 1, 1, 1 }, row0[..3]);
        Assert.All(row0[3..], m => Assert.Equal(0, m));
        Assert.All(stopped.Tokens[0].data<long>().ToArray()[3..], t => Assert.Equal(63, t));
        Assert.All(stopped.LogProbs[0].data<float>().ToArray()[3..], l => Assert.Equal(0f, l));
    }

    [Fact]
    public void TopK_One_KeepsOnlyTheLargest()
    {
        using var logits = tensor(new float[] { 0.1f, 3f, -1f, 2f }, [1, 4]);

        using var filtered = TokenSampler.TopK(logits, 1);

        Assert.Equal(new[] { false, true, false, false }, filtered.isfinite().data<bool>().ToArray());
    }

    [Fact]
    public void TopP_KeepsTokensUntilTheMassIsReached()
    {
        // probabilities 0.5, 0.3, 0.15, 0.05: p = 0.7 keeps 0.5 and 0.3 (the token crossing 0.7 included).
        using var logits = tensor(new float[] { 0.5f, 0.3f, 0.15f, 0.05f }, [1, 4]).log();

        using var filtered = TokenSampler.TopP(logits, 0.7);

        Assert.Equal(new[] { true, true, false, false }, filtered.isfinite().data<bool>().ToArray());
    }

    private static GenerationResult Run(CausalLanguageModel model, int[][] prompts, GenerationOptions options)
    {
        using var batch = PromptBatch.LeftPadded(prompts, padTokenId: 0);
        return TextGenerator.Generate(model, batch, options);
    }
}
