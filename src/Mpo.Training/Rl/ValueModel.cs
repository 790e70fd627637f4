using Mpo.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>
/// The PPO critic: a separate full copy of the policy network (<c>backbone</c>) with a linear value head
/// <c>score</c> (H → 1, no bias) on the last hidden states, trained in full, as the paper's value model
/// (TRL's <c>AutoModelForSequenceClassification(num_labels=1)</c>, whose head is named <c>score</c>).
/// </summary>
/// <remarks>State-dict names: <c>backbone.&lt;HF name&gt;</c> and <c>score.weight</c> (1, H). The backbone also
/// computes LM logits, which the value head ignores (one LM-head matmul per forward); its untied <c>lm_head</c> is
/// frozen, since no gradient reaches it (TRL's value model has no LM head at all).</remarks>
public sealed class ValueModel : nn.Module<CausalLmInput, Tensor>
{
#pragma warning disable IDE1006 // state-dict names
    private readonly CausalLanguageModel backbone;
    private readonly Linear score;
#pragma warning restore IDE1006

    /// <summary>Wraps <paramref name="backbone"/> (a fresh copy of the policy's weights) with a value head.</summary>
    /// <param name="backbone">The critic's own network; never the policy instance itself.</param>
    /// <param name="generator">Seeds the head init, normal(0, <paramref name="initStd"/>) as HF's initializer_range.</param>
    /// <param name="initStd">Head init standard deviation.</param>
    public ValueModel(CausalLanguageModel backbone, Generator generator, double initStd = 0.02)
        : base(nameof(ValueModel))
    {
        ArgumentNullException.ThrowIfNull(backbone);
        this.backbone = backbone;
        score = nn.Linear(backbone.HiddenSize, 1, hasBias: false);
        using (no_grad())
        {
            using var init = randn([1, backbone.HiddenSize], generator: generator) * initStd;
            score.weight!.copy_(init);
        }

        FreezeUntiedLmHead(backbone);

        RegisterComponents();
    }

    /// <summary>The critic's network.</summary>
    public CausalLanguageModel Backbone => backbone;

    private static void FreezeUntiedLmHead(CausalLanguageModel backbone)
    {
        foreach (var (path, projection) in backbone.Projections().Where(p => p.Path == "lm_head"))
        {
            var weight = projection.weight;
            bool tied = backbone.named_parameters().Count(p => ReferenceEquals(p.parameter, weight) || p.parameter.Handle == weight.Handle) > 1;
            if (!tied)
            {
                weight.requires_grad = false;
            }
        }
    }

    /// <summary>Values at every position: (B, L) inputs → (B, L).</summary>
    public override Tensor forward(CausalLmInput input)
    {
        using var scope = NewDisposeScope();
        var hidden = backbone.forward(input).Hidden; // (B, L, H)
        return score.forward(hidden).squeeze(-1).MoveToOuterDisposeScope(); // (B, L)
    }
}
