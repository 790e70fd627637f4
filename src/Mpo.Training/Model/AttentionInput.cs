using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>What one decoder layer (and its attention) reads.</summary>
/// <param name="Hidden">(B, T, H) hidden states of the new tokens.</param>
/// <param name="Mask">(B, 1, T, S) additive mask: 0 where a query may attend, a large negative number elsewhere.</param>
/// <param name="Cache">Keys and values of earlier tokens, or <c>null</c>.</param>
/// <param name="LayerIndex">Which layer of <paramref name="Cache"/> this is.</param>
/// <param name="Cos">(B, T, head_dim) rotary cosines, or <c>null</c> for learned positions (gpt2).</param>
/// <param name="Sin">(B, T, head_dim) rotary sines, or <c>null</c>.</param>
public sealed record AttentionInput(Tensor Hidden, Tensor Mask, KvCache? Cache, int LayerIndex, Tensor? Cos = null, Tensor? Sin = null);
