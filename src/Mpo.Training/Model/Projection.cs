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

    /// <summary>
    /// Creates a projection that reuses <paramref name="tiedWeight"/> (out, in) without registering it, so a tied
    /// LM head computes with the token embedding while the state_dict holds that tensor once, under the embedding's
    /// name, exactly as Hugging Face files store tied weights.
    /// </summary>
    public Projection(Parameter tiedWeight, string name = "projection")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(tiedWeight);
        weight = tiedWeight;
        InFeatures = tiedWeight.shape[1];
        OutFeatures = tiedWeight.shape[0];
        IsTied = true;
    }

    /// <summary>Whether <see cref="weight"/> belongs to another module (a tied LM head).</summary>
    public bool IsTied { get; }

    /// <summary>
    /// A tied projection registers nothing by reflection (its weight is the owner's); the parent's
    /// <c>register_module</c> calls this, so skipping here is what keeps the weight out of the state_dict.
    /// </summary>
    protected override void RegisterComponents()
    {
        if (!IsTied)
        {
            base.RegisterComponents();
        }
    }

    /// <summary>
    /// Points a tied projection at the owner's current weight. <c>Module.to(dtype/device)</c> replaces parameters
    /// with new objects, so the owning model calls this after moving; a registered field is updated by TorchSharp
    /// itself in the same way (by reflection), which is why the readonly field is set the same way here.
    /// </summary>
    internal void Retie(Parameter tiedWeight)
    {
        if (!IsTied)
        {
            throw new InvalidOperationException("Only a tied projection can be re-tied.");
        }

        typeof(Projection).GetField(nameof(weight))!.SetValue(this, tiedWeight);
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
