using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// GPT-2 causal LM (HF <c>GPT2LMHeadModel</c>): the <see cref="Gpt2Model"/> trunk and an LM head tied to
/// <c>transformer.wte.weight</c> (untied only when <c>tie_word_embeddings</c> is false).
/// </summary>
public sealed class Gpt2LmHeadModel : CausalLanguageModel
{
    public readonly Gpt2Model transformer;
    public readonly Projection lm_head;
    private readonly ModelConfig _config;

    /// <summary>Creates the model with placeholder weights; <see cref="ModelFolder"/> loads real ones.</summary>
    public Gpt2LmHeadModel(ModelConfig config)
        : base("gpt2")
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        transformer = new Gpt2Model(config);
        lm_head = config.TieWordEmbeddings
            ? new Projection(transformer.wte.weight!)
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
        for (int i = 0; i < transformer.h.Count; i++)
        {
            var block = transformer.h[i];
            yield return ($"transformer.h.{i}.attn.c_attn", block.attn.c_attn);
            yield return ($"transformer.h.{i}.attn.c_proj", block.attn.c_proj);
            yield return ($"transformer.h.{i}.mlp.c_fc", block.mlp.c_fc);
            yield return ($"transformer.h.{i}.mlp.c_proj", block.mlp.c_proj);
        }

        yield return ("lm_head", lm_head);
    }

    /// <inheritdoc />
    public override CausalLmOutput forward(CausalLmInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var hidden = transformer.forward(input); // (B, T, H)
        var logits = lm_head.forward(hidden); // (B, T, V)
        return new CausalLmOutput(logits.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        base._toEpilog(dtype, device, non_blocking);
        if (lm_head.IsTied)
        {
            lm_head.Retie(transformer.wte.weight!);
        }
    }
}
