using System.Text.Json.Serialization;

namespace Mpo.Training.Rl;

/// <summary>Which policy-gradient update a trainer runs. Serialised as <c>"ppo"</c>, <c>"grpo"</c>, <c>"rloo"</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RlAlgorithm>))]
public enum RlAlgorithm
{
    /// <summary>PPO with a value model and GAE, as the paper runs it (TRL 0.17 <c>PPOTrainer</c>).</summary>
    [JsonStringEnumMemberName("ppo")]
    Ppo,

    /// <summary>GRPO: group-normalised advantages, per-token k3 KL to the reference in the loss, no value model.</summary>
    [JsonStringEnumMemberName("grpo")]
    Grpo,

    /// <summary>RLOO: leave-one-out baseline over each group, sequence-level KL in the reward, no value model.</summary>
    [JsonStringEnumMemberName("rloo")]
    Rloo,
}

/// <summary>How the per-token KL to the reference is estimated (serialised <c>"k1"</c> / <c>"k3"</c>).</summary>
/// <remarks>See <see href="http://joschu.net/blog/kl-approx.html"/>: k1 = log p − log q is unbiased but noisy and can be
/// negative; k3 = (e^r − 1) − r with r = log q − log p is unbiased and always ≥ 0.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<KlEstimator>))]
public enum KlEstimator
{
    /// <summary><c>logp − ref_logp</c>.</summary>
    [JsonStringEnumMemberName("k1")]
    K1,

    /// <summary><c>(exp(r) − 1) − r</c>, <c>r = ref_logp − logp</c>.</summary>
    [JsonStringEnumMemberName("k3")]
    K3,
}
