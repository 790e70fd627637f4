using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>The state of an artifact set as verification found it.</summary>
public enum ArtifactSetState
{
    /// <summary>The manifest exists and every file matches its size and SHA-256.</summary>
    Committed,

    /// <summary>No manifest: the set was never committed (or is being written, or a delete began). Never use it.</summary>
    NotCommitted,

    /// <summary>The manifest exists but a file is missing or differs, or the manifest is unreadable. Never use it.</summary>
    Corrupted,
}

/// <summary>The outcome of verifying an artifact set without throwing (for reporting tools and retention).</summary>
/// <param name="SetPath">The set's path (folder) in the container.</param>
/// <param name="State">Committed, not committed, or corrupted.</param>
/// <param name="Manifest">The manifest's reference when one exists.</param>
/// <param name="Problems">What is wrong when <see cref="State"/> is <see cref="ArtifactSetState.Corrupted"/>; empty otherwise.</param>
public sealed record ArtifactSetCheck(
    string SetPath, ArtifactSetState State, ArtifactRef? Manifest, IReadOnlyList<ArtifactSetProblem> Problems)
{
    /// <summary>Throws the exception that matches a state other than committed.</summary>
    /// <exception cref="ArtifactSetNotCommittedException">No manifest.</exception>
    /// <exception cref="ArtifactSetCorruptedException">A file is missing or differs, or the manifest is unreadable.</exception>
    public void ThrowIfNotCommitted()
    {
        switch (State)
        {
            case ArtifactSetState.NotCommitted:
                throw new ArtifactSetNotCommittedException(SetPath);
            case ArtifactSetState.Corrupted:
                throw new ArtifactSetCorruptedException(SetPath, Problems);
        }
    }
}
