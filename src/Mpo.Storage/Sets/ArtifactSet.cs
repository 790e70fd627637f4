using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>A committed artifact set read into memory; every file was checked against the manifest.</summary>
/// <param name="SetPath">The set's path (folder) in the container.</param>
/// <param name="ManifestRef">The manifest's path and SHA-256: the reference to carry in orchestration payloads.</param>
/// <param name="Manifest">The parsed manifest (files and metadata).</param>
/// <param name="Files">The verified bytes of each file, by relative path.</param>
public sealed record ArtifactSet(
    string SetPath, ArtifactRef ManifestRef, ArtifactManifest Manifest, IReadOnlyDictionary<string, BinaryData> Files);

/// <summary>The outcome of committing a set.</summary>
/// <param name="ManifestRef">The manifest's path and SHA-256.</param>
/// <param name="Created">
/// <c>true</c> when this call committed the set; <c>false</c> when it was already committed with the identical
/// manifest (a retried activity), which is a success.
/// </param>
public sealed record ArtifactSetCommit(ArtifactRef ManifestRef, bool Created);

/// <summary>A committed set downloaded into a local folder; every file was checked against the manifest.</summary>
/// <param name="Folder">The local folder holding the files (not the manifest).</param>
/// <param name="ManifestRef">The manifest's path and SHA-256.</param>
/// <param name="Manifest">The parsed manifest (files and metadata).</param>
public sealed record DownloadedArtifactSet(string Folder, ArtifactRef ManifestRef, ArtifactManifest Manifest);
