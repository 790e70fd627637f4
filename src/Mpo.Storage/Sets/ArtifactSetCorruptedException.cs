namespace Mpo.Storage.Sets;

/// <summary>
/// A committed artifact set failed verification: a file is missing, or its size or SHA-256 differs from the
/// manifest, or the manifest is unreadable. The message names every bad file. Its content must not be used.
/// </summary>
public sealed class ArtifactSetCorruptedException(string setPath, IReadOnlyList<ArtifactSetProblem> problems)
    : ArtifactStorageException(
        $"Artifact set '{setPath}' is corrupted: " + string.Join("; ", problems.Select(p => p.ToString())) + ".", setPath)
{
    /// <summary>Every problem found, one per bad file.</summary>
    public IReadOnlyList<ArtifactSetProblem> Problems { get; } = problems;
}
