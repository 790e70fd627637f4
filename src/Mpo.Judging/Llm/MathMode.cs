using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Mpo.Judging.Llm;

/// <summary>How math responses are rewarded (the paper tossed a fair coin per scoring chunk between the two).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MathMode>))]
public enum MathMode
{
    /// <summary>Rule-based: boxed answer equal to gold → 5, else 0.</summary>
    Answer,

    /// <summary>LLM-judged: plan → execute → score 0–5 against the cluster's guidelines.</summary>
    Reasoning,

    /// <summary>Per batch, Answer or Reasoning with probability ½ each, drawn from (run seed, step): reproducible.</summary>
    Mixed,
}

/// <summary>The seeded coin of <see cref="MathMode.Mixed"/>: a pure function of its inputs, so retries agree.</summary>
public static class MathModeChoice
{
    /// <summary>The mode for a scoring batch of step <paramref name="step"/> in the run seeded <paramref name="runSeed"/>.</summary>
    public static MathMode ForBatch(MathMode configured, long runSeed, int step) =>
        configured != MathMode.Mixed ? configured : Coin($"math-mode|{runSeed}|{step}");

    /// <summary>The mode for one sample scored outside a batch (coin from the run seed and the sample id).</summary>
    public static MathMode ForSample(MathMode configured, long runSeed, string sampleId) =>
        configured != MathMode.Mixed ? configured : Coin($"math-mode|{runSeed}|{sampleId}");

    private static MathMode Coin(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) & 1) == 0 ? MathMode.Answer : MathMode.Reasoning;
    }
}
