using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>A committed artifact set read into memory; every file was checked against the manifest.</summary>
/// <param name="SetPath">The set's path (folder) in the container.</param>
/// <param name="ManifestRef">The manifest's path and SHA-256: the reference to carry in orchestration payloads.</param>
/// <param name="Manifest">The parsed manifest (files and metadata).</param>
/// <param name="Files">The verified bytes of each file, by relative path.</param>
public sealed record ArtifactSet(
    string SetPath, ArtifactRef ManifestRef, ArtifactManifest Manifest, IReadOnlyDictionary<string, BinaryData> Files);
