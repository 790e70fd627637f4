using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// A llama or qwen2 causal LM: the <see cref="LlamaModel"/> trunk plus <c>lm_head</c>, tied to
/// <c>model.embed_tokens.weight</c> when <c>tie_word_embeddings</c> (as in small Qwen2 models), so the file then has
/// no <c>lm_head.weight</c>.
/// </summary>
public sealed class LlamaForCausalLm : CausalLanguageModel
{
    public readonly LlamaModel model;
    public readonly Projection lm_head;
    private readonly ModelConfig _config;

    /// <summary>Creates the model with placeholder weights; <see cref="ModelFolder"/> loads real ones.</summary>
    public LlamaForCausalLm(ModelConfig config)
        : base(config?.Architecture.ToString().ToLowerInvariant() ?? "llama")
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        model = new LlamaModel(config);
        lm_head = config.TieWordEmbeddings
            ? new Projection(model.embed_tokens.weight!)
            : new Projection(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int LayerCount => _config.LayerCount;

    /// <inheritdoc />
    public override long HiddenSize => _config.HiddenSize;

    /// <inheritdoc />
    public override long VocabSize => _config.VocabSize;

    /// <inheritdoc />
    public override IEnumerable<(string Path, Projection Projection)> Projections()
    {
        for (int i = 0; i < model.layers.Count; i++)
        {
            var layer = model.layers[i];
            var prefix = $"model.layers.{i}";
            yield return ($"{prefix}.self_attn.q_proj", layer.self_attn.q_proj);
            yield return ($"{prefix}.self_attn.k_proj", layer.self_attn.k_proj);
            yield return ($"{prefix}.self_attn.v_proj", layer.self_attn.v_proj);
            yield return ($"{prefix}.self_attn.o_proj", layer.self_attn.o_proj);
            yield return ($"{prefix}.mlp.gate_proj", layer.mlp.gate_proj);
            yield return ($"{prefix}.mlp.up_proj", layer.mlp.up_proj);
            yield return ($"{prefix}.mlp.down_proj", layer.mlp.down_proj);
        }

        yield return ("lm_head", lm_head);
    }

    /// <inheritdoc />
    public override CausalLmOutput forward(CausalLmInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var hidden = model.forward(input); // (B, T, H)
        var logits = lm_head.forward(hidden); // (B, T, V)
        return new CausalLmOutput(logits.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        base._toEpilog(dtype, device, non_blocking);
        if (lm_head.IsTied)
        {
            lm_head.Retie(model.embed_tokens.weight!);
        }
    }
}
