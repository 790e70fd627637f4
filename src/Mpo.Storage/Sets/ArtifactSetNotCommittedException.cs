namespace Mpo.Storage.Sets;

/// <summary>
/// The artifact set has no manifest: it was never committed (a writer died before the manifest), is still being
/// written, or its deletion began. Its files, if any, must not be used.
/// </summary>
public sealed class ArtifactSetNotCommittedException(string setPath)
    : ArtifactStorageException(
        $"Artifact set '{setPath}' is not committed: '{ArtifactSetPaths.ManifestFileName}' is missing " +
        "(a partial or interrupted write); its files are not used.", setPath);
