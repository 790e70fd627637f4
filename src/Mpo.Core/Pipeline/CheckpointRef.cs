namespace Mpo.Core.Pipeline;

/// <summary>A committed checkpoint: its step and the manifest that makes it visible.</summary>
/// <param name="Step">Number of policy updates applied (0 = the initial policy).</param>
/// <param name="ManifestPath">Blob path of the checkpoint's <c>manifest.json</c>.</param>
/// <param name="ManifestSha256">SHA-256 of the manifest bytes: equal training state gives equal hashes.</param>
public sealed record CheckpointRef(int Step, string ManifestPath, string ManifestSha256);
