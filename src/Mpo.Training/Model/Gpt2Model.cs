using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>The GPT-2 trunk (HF's <c>transformer.</c> prefix): token and learned position embeddings, blocks, final LayerNorm.</summary>
public sealed class Gpt2Model : nn.Module<CausalLmInput, Tensor>
{
    public readonly Embedding wte;
    public readonly Embedding wpe;
    public readonly ModuleList<Gpt2Block> h;
    public readonly LayerNorm ln_f;

    /// <summary>Creates the trunk for <paramref name="config"/>.</summary>
    public Gpt2Model(ModelConfig config, string name = "transformer")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        wte = nn.Embedding(config.VocabSize, config.HiddenSize);
        wpe = nn.Embedding(config.MaxPositions, config.HiddenSize);
        h = nn.ModuleList(Enumerable.Range(0, config.LayerCount).Select(_ => new Gpt2Block(config)).ToArray());
        ln_f = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        RegisterComponents();
    }

    /// <summary>Runs the trunk; returns the final hidden states (B, T, H).</summary>
    public override Tensor forward(CausalLmInput input)
    {
        using var scope = NewDisposeScope();
        var ids = input.InputIds; // (B, T)
        var (b, t) = (ids.shape[0], ids.shape[1]);
        var past = input.Cache?.Length ?? 0;
        var mask = input.AttentionMask ?? ones(b, past + t, ScalarType.Int64, ids.device); // (B, S)
        var positions = input.PositionIds ?? AttentionMasks.PositionIds(mask, t); // (B, T)
        var x = wte.forward(ids).add_(wpe.forward(positions)); // (B, T, H)
        var additive = AttentionMasks.Additive(mask, t, x.dtype); // (B, 1, T, S)
        for (int i = 0; i < h.Count; i++)
        {
            x = h[i].forward(new AttentionInput(x, additive, input.Cache, i));
        }

        return ln_f.forward(x).MoveToOuterDisposeScope();
    }
}
