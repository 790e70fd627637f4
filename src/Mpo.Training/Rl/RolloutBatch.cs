using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>What one update learns from: sampled responses with their rollout-time log-probs and RM scores.</summary>
/// <param name="QueryIds">(B, P) prompt ids, left-padded with the pad id (the same P for all rows).</param>
/// <param name="ResponseIds">(B, T) sampled ids, untruncated (pad after an early stop is fine).</param>
/// <param name="Logprobs">(B, T) float log-probs of the sampled ids under logits/(temperature + 1e-7).</param>
/// <param name="Scores">(B) float raw RM scores (the trainer subtracts <c>missing_eos_penalty</c>).</param>
/// <remarks>For GRPO/RLOO the rows come group by group: row <c>g·G + i</c> is sample i of prompt g.</remarks>
public sealed record RolloutBatch(Tensor QueryIds, Tensor ResponseIds, Tensor Logprobs, Tensor Scores);

/// <summary>Special token ids the update needs.</summary>
/// <param name="PadTokenId">Pad id; must differ from the EOS id (the paper adds <c>[PAD]</c>).</param>
/// <param name="EosTokenId">EOS id (for <c>missing_eos_penalty</c> and the EOS count).</param>
/// <param name="StopTokenId">Truncate after this id (the paper: EOS); <c>null</c> = no truncation.</param>
public sealed record RlTokenIds(long PadTokenId, long EosTokenId, long? StopTokenId);
