namespace Mpo.Storage;

/// <summary>
/// A blob operation of the artifact store failed. Every Azure SDK failure is mapped to this type (or a subclass)
/// at one seam, with a readable message naming the operation, container and blob, and never the connection
/// string, key or signature.
/// </summary>
public class ArtifactStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the blob.</param>
    /// <param name="path">The blob path (or set path) concerned, when there is one.</param>
    /// <param name="status">The HTTP status, or 0 when the service was not reached.</param>
    /// <param name="errorCode">The storage error code (<c>BlobNotFound</c>, <c>AuthorizationFailure</c>, ...), if any.</param>
    /// <param name="inner">The SDK exception, kept for diagnosis.</param>
    public ArtifactStorageException(string message, string? path = null, int status = 0, string? errorCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The blob path or set path concerned, when there is one.</summary>
    public string? Path { get; }

    /// <summary>The HTTP status, or 0 when the service was not reached (or no request was involved).</summary>
    public int Status { get; }

    /// <summary>The storage service's error code, if any.</summary>
    public string? ErrorCode { get; }
}
