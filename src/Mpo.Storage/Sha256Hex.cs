using System.Security.Cryptography;

namespace Mpo.Storage;

/// <summary>SHA-256 as 64 lowercase hexadecimal digits, the form every manifest and <c>ArtifactRef</c> uses.</summary>
internal static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<string> OfStreamAsync(Stream stream, CancellationToken ct) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));

    public static async Task<(string Sha256, long Size)> OfFileAsync(string path, CancellationToken ct)
    {
        await using var stream = OpenForHashing(path);
        var hash = await OfStreamAsync(stream, ct).ConfigureAwait(false);
        return (hash, stream.Length);
    }

    /// <summary>Hashes a stream that may not know its length, counting the bytes.</summary>
    public static async Task<(string Sha256, long Size)> OfStreamCountingAsync(Stream stream, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static FileStream OpenForHashing(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
