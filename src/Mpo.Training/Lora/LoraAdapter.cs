using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Lora;

/// <summary>
/// One low-rank update <c>Δy = (alpha/r)·B·A·dropout(x)</c> added to a <see cref="Model.Projection"/>'s output.
/// A (r, in) starts kaiming-uniform (a = √5, i.e. U(±1/√in)) and B (out, r) at zero, so a fresh adapter changes
/// nothing, as PEFT initialises it.
/// </summary>
/// <remarks><see href="https://github.com/huggingface/peft/blob/v0.15.0/src/peft/tuners/lora/layer.py"/>
/// (update_layer, reset_lora_parameters). State-dict names <c>lora_A.weight</c>, <c>lora_B.weight</c> as PEFT's.</remarks>
public sealed class LoraAdapter : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // state-dict names
    private readonly Linear lora_A;
    private readonly Linear lora_B;
    private readonly Dropout lora_dropout;
#pragma warning restore IDE1006

    /// <summary>Creates an adapter for a projection of the given widths.</summary>
    /// <param name="inFeatures">Projection input width.</param>
    /// <param name="outFeatures">Projection output width.</param>
    /// <param name="options">Rank, alpha, dropout.</param>
    /// <param name="generator">Seeds A's init.</param>
    public LoraAdapter(long inFeatures, long outFeatures, LoraOptions options, Generator generator)
        : base(nameof(LoraAdapter))
    {
        ArgumentNullException.ThrowIfNull(options);
        Scaling = options.Scaling;
        lora_A = nn.Linear(inFeatures, options.Rank, hasBias: false);
        lora_B = nn.Linear(options.Rank, outFeatures, hasBias: false);
        lora_dropout = nn.Dropout(options.Dropout);
        using (no_grad())
        {
            double bound = 1.0 / Math.Sqrt(inFeatures); // kaiming_uniform(a=√5): gain·√(3/fan_in) = 1/√fan_in
            lora_A.weight!.uniform_(-bound, bound, generator);
            lora_B.weight!.zero_();
        }

        RegisterComponents();
    }

    /// <summary>alpha / r.</summary>
    public double Scaling { get; }

    /// <summary>A: (r, in).</summary>
    public Parameter A => lora_A.weight!;

    /// <summary>B: (out, r).</summary>
    public Parameter B => lora_B.weight!;

    /// <summary>(…, in) → (…, out).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var delta = lora_B.forward(lora_A.forward(lora_dropout.forward(x)));
        return (delta * Scaling).MoveToOuterDisposeScope();
    }

    /// <summary>The dense update <c>(alpha/r)·B·A</c>: (out, in).</summary>
    public Tensor DeltaWeight()
    {
        using var scope = NewDisposeScope();
        return (B.matmul(A) * Scaling).MoveToOuterDisposeScope();
    }
}
