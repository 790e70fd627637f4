using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Root-mean-square normalisation (llama, qwen2): <c>weight · x / sqrt(mean(x²) + eps)</c>, computed in float32
/// and cast back, as Hugging Face does, so bf16 models keep the reference numbers.
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    public readonly Parameter weight; // (H)
    private readonly double _eps;

    /// <summary>Creates the norm with unit weight.</summary>
    public RmsNorm(long hiddenSize, double eps, string name = "rms_norm")
        : base(name)
    {
        _eps = eps;
        weight = new Parameter(ones(hiddenSize));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        // x: (..., H) -> (..., H)
        using var scope = NewDisposeScope();
        var xf = x.to(ScalarType.Float32);
        var variance = xf.pow(2).mean([-1], keepdim: true); // (..., 1)
        var normed = xf.mul(variance.add(_eps).rsqrt()).to(x.dtype);
        return weight.mul(normed).MoveToOuterDisposeScope();
    }
}
