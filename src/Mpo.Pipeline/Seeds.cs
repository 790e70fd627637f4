using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mpo.Pipeline;

/// <summary>
/// Seeds of every random choice, derived from (run seed, purpose, step, shard) so a retried activity draws exactly
/// what the first attempt drew, on any worker.
/// </summary>
public static class Seeds
{
    /// <summary>A 63-bit seed from the run seed, a purpose (<c>rollout</c>, <c>revision</c>, ...), the step and the shard.</summary>
    public static ulong For(long runSeed, string purpose, int step, int shard = 0)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{runSeed}/{purpose}/{step}/{shard}"));
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes) & 0x7FFF_FFFF_FFFF_FFFFUL;
    }
}

/// <summary>SHA-256 as lowercase hex, as manifests and artifact references write it.</summary>
public static class Hashes
{
    /// <summary>SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>SHA-256 and size of a file.</summary>
    public static (string Sha256, long Size) OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
