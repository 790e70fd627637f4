using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>GPT-2's feed-forward block: <c>c_proj(gelu_new(c_fc(x)))</c>, gelu_new being the tanh approximation.</summary>
public sealed class Gpt2Mlp : nn.Module<Tensor, Tensor>
{
    public readonly Projection c_fc;
    public readonly Projection c_proj;

    /// <summary>Creates the block for <paramref name="config"/>.</summary>
    public Gpt2Mlp(ModelConfig config, string name = "mlp")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        c_fc = new Projection(config.HiddenSize, config.IntermediateSize, hasBias: true);
        c_proj = new Projection(config.IntermediateSize, config.HiddenSize, hasBias: true);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        // x: (B, T, H) -> (B, T, H), through (B, T, 4H)
        using var scope = NewDisposeScope();
        var inner = nn.functional.gelu(c_fc.forward(x), TorchSharp.Modules.GELU.Approximate.tanh);
        return c_proj.forward(inner).MoveToOuterDisposeScope();
    }
}
