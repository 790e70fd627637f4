using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>The llama/qwen2 trunk (HF's <c>model.</c> prefix): token embedding, decoder layers, final norm.</summary>
public sealed class LlamaModel : nn.Module<CausalLmInput, Tensor>
{
    public readonly Embedding embed_tokens;
    public readonly ModuleList<LlamaDecoderLayer> layers;
    public readonly RmsNorm norm;
    private readonly RotaryEmbedding _rotary;

    /// <summary>Creates the trunk for <paramref name="config"/>.</summary>
    public LlamaModel(ModelConfig config, string name = "model")
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = nn.ModuleList(Enumerable.Range(0, config.LayerCount).Select(_ => new LlamaDecoderLayer(config)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.NormEpsilon);
        _rotary = new RotaryEmbedding(config);
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
        var h = embed_tokens.forward(ids); // (B, T, H)
        var additive = AttentionMasks.Additive(mask, t, h.dtype); // (B, 1, T, S)
        var (cos, sin) = _rotary.Compute(positions, h.dtype); // (B, T, d) each
        for (int i = 0; i < layers.Count; i++)
        {
            h = layers[i].forward(new AttentionInput(h, additive, input.Cache, i, cos, sin));
        }

        return norm.forward(h).MoveToOuterDisposeScope();
    }
}
