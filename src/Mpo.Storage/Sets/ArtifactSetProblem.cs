namespace Mpo.Storage.Sets;

/// <summary>What is wrong with one part of a committed artifact set.</summary>
public enum ArtifactSetProblemKind
{
    /// <summary>The manifest lists a file whose blob does not exist.</summary>
    MissingFile,

    /// <summary>The file's size differs from the manifest's.</summary>
    SizeMismatch,

    /// <summary>The file's SHA-256 differs from the manifest's.</summary>
    HashMismatch,

    /// <summary>The manifest itself cannot be parsed.</summary>
    InvalidManifest,

    /// <summary>The manifest's SHA-256 differs from the one the caller's reference expects.</summary>
    ManifestHashMismatch,
}

/// <summary>One problem found while verifying a set.</summary>
/// <param name="Path">The file's path inside the set (or <c>manifest.json</c>).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">Expected and found values, in words.</param>
public sealed record ArtifactSetProblem(string Path, ArtifactSetProblemKind Kind, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Detail}";
}
