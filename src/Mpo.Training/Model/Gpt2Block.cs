using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>One GPT-2 block: pre-LayerNorm attention and MLP, each around a residual.</summary>
public sealed class Gpt2Block : nn.Module<AttentionInput, Tensor>
{
    public readonly LayerNorm ln_1;
    public readonly Gpt2Attention attn;
    public readonly LayerNorm ln_2;
    public readonly Gpt2Mlp mlp;

    /// <summary>Creates the block for <paramref name="config"/>.</summary>
    public Gpt2Block(ModelConfig config, string name = "block")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        ln_1 = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        attn = new Gpt2Attention(config);
        ln_2 = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        mlp = new Gpt2Mlp(config);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(AttentionInput input)
    {
        // hidden: (B, T, H) -> (B, T, H)
        using var scope = NewDisposeScope();
        var x = input.Hidden;
        var h = x.add(attn.forward(input with { Hidden = ln_1.forward(x) }));
        // Out of place: the norm saved h for backward, so adding into it would break training.
        return h.add(mlp.forward(ln_2.forward(h))).MoveToOuterDisposeScope();
    }
}
