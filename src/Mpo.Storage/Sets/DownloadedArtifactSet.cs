using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>A committed set downloaded into a local folder; every file was checked against the manifest.</summary>
/// <param name="Folder">The local folder holding the files (not the manifest).</param>
/// <param name="ManifestRef">The manifest's path and SHA-256.</param>
/// <param name="Manifest">The parsed manifest (files and metadata).</param>
public sealed record DownloadedArtifactSet(string Folder, ArtifactRef ManifestRef, ArtifactManifest Manifest);
