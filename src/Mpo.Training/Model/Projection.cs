using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// A linear map <c>y = x Wᵀ + b</c> whose parameters carry Hugging Face's names (<c>weight</c> (out, in), <c>bias</c>),
/// with an optional low-rank adapter added to its output. Every projection a model may adapt (q, k, v, o, gate, up,
/// down, lm_head) is one of these, so LoRA attaches without rebuilding the model.
/// </summary>
public sealed class Projection : nn.Module<Tensor, Tensor>
{
    public readonly Parameter weight;
    public readonly Parameter? bias;
    private nn.Module<Tensor, Tensor>? _adapter;

    /// <summary>Creates a projection with uninitialised (zero) weights; loading fills them.</summary>
    public Projection(long inFeatures, long outFeatures, bool hasBias, string name = "projection")
        : base(name)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = new Parameter(zeros(outFeatures, inFeatures));
        bias = hasBias ? new Parameter(zeros(outFeatures)) : null;
        RegisterComponents();
    }

    /// <summary>Input width.</summary>
    public long InFeatures { get; }

    /// <summary>Output width.</summary>
    public long OutFeatures { get; }

    /// <summary>The attached adapter (LoRA), or <c>null</c>.</summary>
    public nn.Module<Tensor, Tensor>? Adapter => _adapter;

    /// <summary>
    /// Whether the adapter's output is added. Off gives the base network, which is the reference model of the
    /// paper's LoRA setup.
    /// </summary>
    public bool AdapterEnabled { get; set; } = true;

    /// <summary>Attaches an adapter whose output (same shape as this projection's) is added to it.</summary>
    public void AttachAdapter(nn.Module<Tensor, Tensor> adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        _adapter = adapter;
        register_module("adapter", adapter);
    }

    /// <summary>Removes the adapter (after merging it, for instance).</summary>
    public void DetachAdapter()
    {
        _adapter = null;
        _internal_submodules.Remove("adapter");
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        // x: (..., in) -> (..., out)
        var y = nn.functional.linear(x, weight, bias);
        if (_adapter is not null && AdapterEnabled)
        {
            using var delta = _adapter.forward(x);
            return y.add_(delta);
        }

        return y;
    }
}
