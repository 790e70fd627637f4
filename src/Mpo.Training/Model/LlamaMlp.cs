using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>The SwiGLU feed-forward block of llama and qwen2: <c>down(silu(gate(x)) · up(x))</c>.</summary>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    public readonly Projection gate_proj;
    public readonly Projection up_proj;
    public readonly Projection down_proj;

    /// <summary>Creates the block for <paramref name="config"/>.</summary>
    public LlamaMlp(ModelConfig config, string name = "mlp")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        gate_proj = new Projection(config.HiddenSize, config.IntermediateSize, hasBias: false);
        up_proj = new Projection(config.HiddenSize, config.IntermediateSize, hasBias: false);
        down_proj = new Projection(config.IntermediateSize, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        // x: (B, T, H) -> (B, T, H), through (B, T, intermediate)
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(gate_proj.forward(x)).mul_(up_proj.forward(x));
        return down_proj.forward(gated).MoveToOuterDisposeScope();
    }
}
