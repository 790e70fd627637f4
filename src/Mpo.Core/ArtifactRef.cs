namespace Mpo.Core;

/// <summary>
/// A reference to a blob artifact: its path inside the artifact container and the SHA-256 of its bytes.
/// </summary>
/// <remarks>
/// Orchestrations carry references, never payloads: an activity writes an artifact and returns its
/// <see cref="ArtifactRef"/>, and the next activity reads the blob and checks the hash, so a replayed or retried
/// step can never silently pick up different bytes. For an artifact set (a checkpoint folder) the reference
/// points at the set's <c>manifest.json</c>, whose hash covers every file of the set.
/// </remarks>
public sealed record ArtifactRef
{
    /// <summary>Creates a reference; the hash must be 64 lowercase hexadecimal digits.</summary>
    /// <param name="path">Blob path inside the artifact container, e.g. <c>rubrics/run-1/v0007.json</c>.</param>
    /// <param name="sha256">SHA-256 of the blob's bytes, lowercase hex.</param>
    public ArtifactRef(string path, string sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(sha256);
        if (!IsSha256Hex(sha256))
        {
            throw new ArgumentException(
                $"Artifact '{path}': sha256 must be 64 lowercase hexadecimal digits, got '{sha256}'.", nameof(sha256));
        }

        Path = path;
        Sha256 = sha256;
    }

    /// <summary>Blob path inside the artifact container (forward slashes, no leading slash).</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the blob's bytes as 64 lowercase hexadecimal digits.</summary>
    public string Sha256 { get; }

    /// <summary>Whether <paramref name="value"/> is 64 lowercase hexadecimal digits.</summary>
    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <inheritdoc />
    public override string ToString() => $"{Path}@sha256:{Sha256}";
}
