namespace Mpo.Storage;

/// <summary>
/// A write-once artifact (or committed artifact set) already exists with <em>different</em> content. Equal content
/// is not a conflict: that is a retried activity writing the same bytes again.
/// </summary>
/// <remarks>
/// A conflict means two writers computed different bytes for one address, i.e. an activity that is not
/// deterministic. The existing artifact is kept; nothing is overwritten.
/// </remarks>
public sealed class ArtifactConflictException(string message, string path, string existingSha256, string attemptedSha256)
    : ArtifactStorageException(message, path, 409, "BlobAlreadyExists")
{
    /// <summary>SHA-256 of the stored content.</summary>
    public string ExistingSha256 { get; } = existingSha256;

    /// <summary>SHA-256 of the content that was refused.</summary>
    public string AttemptedSha256 { get; } = attemptedSha256;
}
