using Mpo.Core;

namespace Mpo.Storage;

/// <summary>The outcome of a conditional (write-once) create.</summary>
/// <param name="Artifact">The artifact's path and SHA-256 (equal in both cases).</param>
/// <param name="Created">
/// <c>true</c> when this call wrote the blob; <c>false</c> when it already existed with identical content
/// (a retried activity), which is a success, not an error.
/// </param>
public sealed record WriteOnceResult(ArtifactRef Artifact, bool Created);
