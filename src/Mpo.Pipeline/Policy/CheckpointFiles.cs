using Mpo.Storage.Sets;
using Mpo.Training.Checkpointing;

namespace Mpo.Pipeline.Policy;

/// <summary>
/// The files of a locally saved checkpoint folder as artifact-set files. The trainer's own <c>manifest.json</c> is
/// left out: the set's manifest (written by the set store) takes its place and lists every file's SHA-256.
/// </summary>
public static class CheckpointFiles
{
    /// <summary>Every file under <paramref name="folder"/> except the trainer's manifest, in ordinal path order.</summary>
    public static IReadOnlyList<ArtifactSetFile> Of(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(r => r != CheckpointManifest.FileName)
            .Order(StringComparer.Ordinal)
            .Select(r => ArtifactSetFile.FromFile(r, Path.Combine(folder, r))),
    ];
}
