using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>The outcome of committing a set.</summary>
/// <param name="ManifestRef">The manifest's path and SHA-256.</param>
/// <param name="Created">
/// <c>true</c> when this call committed the set; <c>false</c> when it was already committed with the identical
/// manifest (a retried activity), which is a success.
/// </param>
public sealed record ArtifactSetCommit(ArtifactRef ManifestRef, bool Created);
