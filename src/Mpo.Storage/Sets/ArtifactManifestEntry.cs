namespace Mpo.Storage.Sets;

/// <summary>One file of an artifact set as its manifest records it.</summary>
/// <param name="Path">Path relative to the set folder, with <c>/</c> separators (e.g. <c>model.safetensors</c>).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, 64 lowercase hex digits.</param>
/// <param name="Size">Size in bytes.</param>
public sealed record ArtifactManifestEntry(string Path, string Sha256, long Size);
