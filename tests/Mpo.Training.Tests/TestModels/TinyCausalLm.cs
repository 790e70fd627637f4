using Mpo.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.TestModels;

/// <summary>
/// A one-layer causal LM built from <see cref="Projection"/>s (single-head attention, ReLU MLP, untied lm_head), so the
/// RL and LoRA code can be tested without the real model families. Weights come from a seeded generator.
/// </summary>
internal sealed class TinyCausalLm : CausalLanguageModel
{
    private readonly Embedding embed_tokens;
    private readonly Embedding embed_positions;
    private readonly Projection q_proj, k_proj, v_proj, o_proj, up_proj, down_proj, lm_head;
    private readonly LayerNorm norm;

    public TinyCausalLm(long vocab, long hidden, long maxPositions, long seed)
        : base(nameof(TinyCausalLm))
    {
        VocabSize = vocab;
        HiddenSize = hidden;
        embed_tokens = nn.Embedding(vocab, hidden);
        embed_positions = nn.Embedding(maxPositions, hidden);
        q_proj = new Projection(hidden, hidden, true);
        k_proj = new Projection(hidden, hidden, false);
        v_proj = new Projection(hidden, hidden, false);
        o_proj = new Projection(hidden, hidden, false);
        up_proj = new Projection(hidden, 2 * hidden, true);
        down_proj = new Projection(2 * hidden, hidden, false);
        lm_head = new Projection(hidden, vocab, false);
        norm = nn.LayerNorm(hidden);
        RegisterComponents();
        using var g = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (!name.StartsWith("norm", StringComparison.Ordinal))
            {
                double bound = name.StartsWith("embed", StringComparison.Ordinal) ? 1.0 : 1.0 / Math.Sqrt(p.shape[^1]);
                p.uniform_(-bound, bound, g);
            }
        }
    }

    public override int LayerCount => 1;

    public override long HiddenSize { get; }

    public override long VocabSize { get; }

    public override IEnumerable<(string Path, Projection Projection)> Projections()
    {
        yield return ("model.layers.0.self_attn.q_proj", q_proj);
        yield return ("model.layers.0.self_attn.k_proj", k_proj);
        yield return ("model.layers.0.self_attn.v_proj", v_proj);
        yield return ("model.layers.0.self_attn.o_proj", o_proj);
        yield return ("model.layers.0.mlp.up_proj", up_proj);
        yield return ("model.layers.0.mlp.down_proj", down_proj);
        yield return ("lm_head", lm_head);
    }

    public override CausalLmOutput forward(CausalLmInput input)
    {
        using var scope = NewDisposeScope();
        var ids = input.InputIds; // (B, T)
        long b = ids.shape[0], t = ids.shape[1];
        var positions = input.PositionIds ?? arange(t, dtype: ScalarType.Int64).unsqueeze(0).expand(b, t);
        var keyMask = (input.AttentionMask ?? ones(b, t, dtype: ScalarType.Int64)).to_type(ScalarType.Bool).unsqueeze(1); // (B, 1, T)
        var causal = ones(t, t, dtype: ScalarType.Bool).tril().unsqueeze(0); // (1, T, T)
        var x = embed_tokens.forward(ids) + embed_positions.forward(positions); // (B, T, H)
        var scores = q_proj.forward(x).matmul(k_proj.forward(x).transpose(1, 2)) / Math.Sqrt(HiddenSize); // (B, T, T)
        scores = scores.masked_fill(causal.logical_and(keyMask).logical_not(), -1e9);
        x = x + o_proj.forward(scores.softmax(-1).matmul(v_proj.forward(x))); // (B, T, H)
        x = x + down_proj.forward(nn.functional.relu(up_proj.forward(x)));
        var hidden = norm.forward(x);
        var logits = lm_head.forward(hidden); // (B, T, V)
        return new CausalLmOutput(logits.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope());
    }
}
