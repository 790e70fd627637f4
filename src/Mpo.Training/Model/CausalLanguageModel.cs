using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>Inputs of one forward pass of a decoder-only language model.</summary>
/// <param name="InputIds">(B, T) token ids.</param>
/// <param name="AttentionMask">(B, S_past + T) 1 for real tokens, 0 for (left) padding; <c>null</c> = all real.</param>
/// <param name="PositionIds">(B, T) positions; <c>null</c> derives them from the mask (cumsum − 1, padding 0... as HF).</param>
/// <param name="Cache">Keys and values of earlier tokens, appended to in place; <c>null</c> = full recompute.</param>
public sealed record CausalLmInput(Tensor InputIds, Tensor? AttentionMask = null, Tensor? PositionIds = null, KvCache? Cache = null);

/// <summary>Outputs of one forward pass.</summary>
/// <param name="Logits">(B, T, V) next-token logits.</param>
/// <param name="Hidden">(B, T, H) last hidden states after the final norm (what a value head reads).</param>
public sealed record CausalLmOutput(Tensor Logits, Tensor Hidden);

/// <summary>
/// A decoder-only causal LM (llama, qwen2, gpt2 families). Parameter names equal the Hugging Face checkpoint keys,
/// and every adaptable linear layer is a <see cref="Projection"/>.
/// </summary>
public abstract class CausalLanguageModel : nn.Module<CausalLmInput, CausalLmOutput>
{
    /// <summary>Creates the module.</summary>
    protected CausalLanguageModel(string name)
        : base(name)
    {
    }

    /// <summary>Number of attention layers (the size of a <see cref="KvCache"/> for this model).</summary>
    public abstract int LayerCount { get; }

    /// <summary>Width of the hidden states (H).</summary>
    public abstract long HiddenSize { get; }

    /// <summary>Vocabulary size (V).</summary>
    public abstract long VocabSize { get; }

    /// <summary>Every adaptable projection by its dotted module path (e.g. <c>model.layers.0.self_attn.q_proj</c>).</summary>
    public abstract IEnumerable<(string Path, Projection Projection)> Projections();

    /// <summary>Turns all adapters on (policy) or off (reference model = base network).</summary>
    public void SetAdaptersEnabled(bool enabled)
    {
        foreach (var (_, p) in Projections())
        {
            p.AdapterEnabled = enabled;
        }
    }
}
