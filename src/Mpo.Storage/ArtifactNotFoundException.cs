namespace Mpo.Storage;

/// <summary>The blob does not exist.</summary>
public sealed class ArtifactNotFoundException(string message, string path, Exception? inner = null)
    : ArtifactStorageException(message, path, 404, "BlobNotFound", inner);
