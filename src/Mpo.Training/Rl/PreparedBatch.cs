using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>Everything steps 3–11 derive from a rollout batch, ready for the epoch loop (step 12).</summary>
/// <remarks>Tensors live in the update's dispose scope. PPO fills Values/Returns/PaddingMaskP1; GRPO RefLogprobs.</remarks>
internal sealed record PreparedBatch
{
    public required Tensor QueryResponses { get; init; } // (B, L)
    public required long ContextLength { get; init; } // P
    public required Tensor Responses { get; init; } // (B, T) untruncated, the ids the forward scores
    public required Tensor OldLogprobs { get; init; } // (B, T), INVALID_LOGPROB on padding
    public required Tensor PaddingMask { get; init; } // (B, T) true past seq_len
    public required Tensor Advantages { get; init; } // (B, T) PPO, (B) GRPO/RLOO
    public Tensor? RefLogprobs { get; init; } // (B, T)
    public Tensor? Values { get; init; } // (B, T)
    public Tensor? Returns { get; init; } // (B, T)
    public Tensor? PaddingMaskP1 { get; init; } // (B, T) true past seq_len + 1
    public required RolloutSummary Summary { get; init; }
}

/// <summary>Rollout-level statistics computed before the epoch loop.</summary>
internal sealed record RolloutSummary(
    double MeanScore, double MeanKl, double MeanNonScoreReward, double MeanSequenceEntropy, double MeanResponseLength, int EosCount);
