using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// GPT-2 multi-head self-attention: one fused <c>c_attn</c> projection to q, k and v, and <c>c_proj</c> back.
/// Files store both in Conv1D layout (in, out); <see cref="CheckpointLayout"/> transposes them.
/// </summary>
public sealed class Gpt2Attention : nn.Module<AttentionInput, Tensor>
{
    public readonly Projection c_attn;
    public readonly Projection c_proj;
    private readonly long _heads;
    private readonly long _headDim;

    /// <summary>Creates the block for <paramref name="config"/>.</summary>
    public Gpt2Attention(ModelConfig config, string name = "attn")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        (_heads, _headDim) = (config.HeadCount, config.HeadDim);
        c_attn = new Projection(config.HiddenSize, 3 * config.HiddenSize, hasBias: true);
        c_proj = new Projection(config.HiddenSize, config.HiddenSize, hasBias: true);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(AttentionInput input)
    {
        using var scope = NewDisposeScope();
        var x = input.Hidden;
        var (b, t, h) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = c_attn.forward(x).split(h, 2); // 3 × (B, T, H)
        var q = qkv[0].view(b, t, _heads, _headDim).transpose(1, 2); // (B, h, T, d)
        var k = qkv[1].view(b, t, _heads, _headDim).transpose(1, 2); // (B, h, T, d)
        var v = qkv[2].view(b, t, _heads, _headDim).transpose(1, 2); // (B, h, T, d)
        if (input.Cache is { } cache)
        {
            (k, v) = cache.Append(input.LayerIndex, k, v); // (B, h, S, d)
        }

        var attended = nn.functional.scaled_dot_product_attention(q, k, v, input.Mask); // (B, h, T, d)
        var merged = attended.transpose(1, 2).reshape(b, t, h); // (B, T, H)
        return c_proj.forward(merged).MoveToOuterDisposeScope();
    }
}
