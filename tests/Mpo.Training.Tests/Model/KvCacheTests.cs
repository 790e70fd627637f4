using Mpo.Training.Model;
using Mpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Model;

public class KvCacheTests
{
    [Theory]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Qwen2)]
    [InlineData(ModelArchitecture.Gpt2)]
    public void Forward_TokenByTokenWithCache_EqualsFullRecompute(ModelArchitecture architecture)
    {
        // Arrange: two rows, the second left-padded by two positions.
        using var model = TinyModels.Create(architecture);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(new long[] { 5, 9, 3, 17, 2, 40, 8, 0, 0, 11, 23, 4, 7, 60 }, [2, 7]);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1 }, [2, 7]);
        var full = model.forward(new Mpo.Training.Model.CausalLmInput(ids, mask)).Logits; // (2, 7, V)

        // Act: the first three tokens at once, then one at a time.
        using var cache = new KvCache(model.LayerCount);
        var parts = new List<Tensor> { model.forward(new CausalLmInput(ids.narrow(1, 0, 3), mask.narrow(1, 0, 3), null, cache)).Logits };
        for (int t = 3; t < 7; t++)
        {
            parts.Add(model.forward(new CausalLmInput(ids.narrow(1, t, 1), mask.narrow(1, 0, t + 1), null, cache)).Logits);
        }

        var incremental = cat(parts, 1);

        // Assert: every real position agrees (padding queries see nothing and are never read).
        Assert.Equal(7, cache.Length);
        var real = mask.to(ScalarType.Bool).unsqueeze(-1).expand_as(full);
        var difference = full.sub(incremental).abs().masked_select(real).max().item<float>();
        Assert.True(difference < 1e-5f, $"max |full - cached| = {difference}");
    }

    [Fact]
    public void Forward_LeftPaddedRow_EqualsTheSameTokensAlone()
    {
        // Arrange
        using var model = TinyModels.Create(ModelArchitecture.Llama);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var alone = model.forward(new CausalLmInput(tensor(new long[] { 11, 23, 4 }, [1, 3]))).Logits;

        // Act
        var padded = model.forward(new CausalLmInput(
            tensor(new long[] { 0, 0, 11, 23, 4 }, [1, 5]),
            tensor(new long[] { 0, 0, 1, 1, 1 }, [1, 5]))).Logits.narrow(1, 2, 3);

        // Assert
        Assert.True(alone.allclose(padded, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void PositionIds_LeftPaddedMask_CountFromTheFirstRealToken()
    {
        using var mask = tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1 }, [2, 4]);

        using var positions = AttentionMasks.PositionIds(mask, 4);

        Assert.Equal(new long[] { 1, 1, 0, 1, 0, 1, 2, 3 }, positions.data<long>().ToArray());
    }
}
