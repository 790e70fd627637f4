namespace Mpo.Storage;

/// <summary>A blob found by listing: its path inside the container and its size in bytes.</summary>
/// <param name="Path">Blob path inside the artifact container.</param>
/// <param name="Size">Content length in bytes.</param>
public sealed record ArtifactInfo(string Path, long Size);
