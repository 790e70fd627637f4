using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>
/// Advantages for the critic-free algorithms. Rollouts are laid out group by group: rollout <c>g·G + i</c> is the
/// i-th of G samples for prompt g (TRL GRPO's <c>repeat_interleave</c> layout).
/// </summary>
public static class GroupAdvantages
{
    /// <summary>GRPO: <c>(r − mean_group) / (std_group + 1e-4)</c>, std unbiased. (B) → (B).</summary>
    /// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/grpo_trainer.py"/> (_generate_and_score_completions).</remarks>
    public static Tensor Grpo(Tensor rewards, int groupSize)
    {
        using var scope = NewDisposeScope();
        var grouped = rewards.view(-1, groupSize); // (B/G, G)
        var mean = grouped.mean([1], keepdim: true);
        var std = grouped.std(1, unbiased: true, keepdim: true);
        return ((grouped - mean) / (std + 1e-4)).view(-1).MoveToOuterDisposeScope();
    }

    /// <summary>RLOO: <c>r_i − (Σ_group r − r_i)/(G − 1)</c>, the mean reward of the other samples as baseline. (B) → (B).</summary>
    /// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/rloo_trainer.py"/> (baseline);
    /// Ahmadian et al., <see href="https://arxiv.org/abs/2402.14740"/>.</remarks>
    public static Tensor Rloo(Tensor rewards, int groupSize)
    {
        using var scope = NewDisposeScope();
        var grouped = rewards.view(-1, groupSize); // (B/G, G)
        var baseline = (grouped.sum(1, keepdim: true) - grouped) / (groupSize - 1);
        return (grouped - baseline).view(-1).MoveToOuterDisposeScope();
    }
}
