using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mpo.Judging.Llm;

/// <summary>
/// Seeded choice of the rollouts the MRM reads: uniform without replacement (the paper's <c>random.sample</c>),
/// from a seed derived from the revision's seed and a purpose string, so a retried revision reads the same rollouts.
/// </summary>
public static class RevisionSampling
{
    /// <summary><paramref name="count"/> distinct indices of [0, <paramref name="population"/>) in draw order.</summary>
    public static IReadOnlyList<int> Choose(int population, int count, long seed, string purpose)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        count = Math.Clamp(count, 0, population);
        var random = new Random(DeriveSeed(seed, purpose));
        var pool = Enumerable.Range(0, population).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, population);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    /// <summary>A 31-bit seed from (seed, purpose), stable across processes and platforms.</summary>
    public static int DeriveSeed(long seed, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{purpose}"));
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) & 0x7FFF_FFFF);
    }
}
