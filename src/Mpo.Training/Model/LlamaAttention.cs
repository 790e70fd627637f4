using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Grouped-query self-attention of llama and qwen2: <c>num_key_value_heads</c> key/value heads shared by groups of
/// query heads, rotary positions on q and k, optional q/k/v biases (qwen2), and a KV cache.
/// </summary>
public sealed class LlamaAttention : nn.Module<AttentionInput, Tensor>
{
    public readonly Projection q_proj;
    public readonly Projection k_proj;
    public readonly Projection v_proj;
    public readonly Projection o_proj;
    private readonly long _heads;
    private readonly long _kvHeads;
    private readonly long _headDim;

    /// <summary>Creates the attention block for <paramref name="config"/>.</summary>
    public LlamaAttention(ModelConfig config, string name = "self_attn")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        (_heads, _kvHeads, _headDim) = (config.HeadCount, config.KeyValueHeadCount, config.HeadDim);
        var bias = config.AttentionBias;
        q_proj = new Projection(config.HiddenSize, _heads * _headDim, bias);
        k_proj = new Projection(config.HiddenSize, _kvHeads * _headDim, bias);
        v_proj = new Projection(config.HiddenSize, _kvHeads * _headDim, bias);
        o_proj = new Projection(_heads * _headDim, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(AttentionInput input)
    {
        using var scope = NewDisposeScope();
        var x = input.Hidden;
        var (b, t) = (x.shape[0], x.shape[1]);
        var q = q_proj.forward(x).view(b, t, _heads, _headDim).transpose(1, 2); // (B, h, T, d)
        var k = k_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2); // (B, kvh, T, d)
        var v = v_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2); // (B, kvh, T, d)
        q = RotaryEmbedding.Apply(q, input.Cos!, input.Sin!);
        k = RotaryEmbedding.Apply(k, input.Cos!, input.Sin!);
        if (input.Cache is { } cache)
        {
            (k, v) = cache.Append(input.LayerIndex, k, v); // (B, kvh, S, d)
        }

        var groups = _heads / _kvHeads;
        if (groups > 1)
        {
            // Each key/value head serves `groups` consecutive query heads, as HF's repeat_kv.
            k = k.repeat_interleave(groups, 1); // (B, h, S, d)
            v = v.repeat_interleave(groups, 1); // (B, h, S, d)
        }

        if (input.Mask.shape[2] != t || input.Mask.shape[3] != k.shape[2])
        {
            throw new ArgumentException($"Mask {string.Join('x', input.Mask.shape)} does not match T={t}, S={k.shape[2]}.");
        }

        var attended = nn.functional.scaled_dot_product_attention(q, k, v, input.Mask); // (B, h, T, d)
        var merged = attended.transpose(1, 2).reshape(b, t, _heads * _headDim); // (B, T, h·d)
        return o_proj.forward(merged).MoveToOuterDisposeScope(); // (B, T, H)
    }
}
