using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>One pre-norm decoder layer of llama and qwen2: attention then MLP, each around a residual.</summary>
public sealed class LlamaDecoderLayer : nn.Module<AttentionInput, Tensor>
{
    public readonly RmsNorm input_layernorm;
    public readonly LlamaAttention self_attn;
    public readonly RmsNorm post_attention_layernorm;
    public readonly LlamaMlp mlp;

    /// <summary>Creates the layer for <paramref name="config"/>.</summary>
    public LlamaDecoderLayer(ModelConfig config, string name = "layer")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        input_layernorm = new RmsNorm(config.HiddenSize, config.NormEpsilon);
        self_attn = new LlamaAttention(config);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.NormEpsilon);
        mlp = new LlamaMlp(config);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(AttentionInput input)
    {
        // hidden: (B, T, H) -> (B, T, H)
        using var scope = NewDisposeScope();
        var x = input.Hidden;
        var h = x.add(self_attn.forward(input with { Hidden = input_layernorm.forward(x) }));
        // Out of place: the norm saved h for backward, so adding into it would break training.
        return h.add(mlp.forward(post_attention_layernorm.forward(h))).MoveToOuterDisposeScope();
    }
}
