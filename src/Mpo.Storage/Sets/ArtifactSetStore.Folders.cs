using System.Collections.Concurrent;
using System.Text.Json;

using Mpo.Core;

namespace Mpo.Storage.Sets;

public sealed partial class ArtifactSetStore
{
    /// <summary>
    /// Commits every file under a local folder (recursively, hidden files included) as a set; relative paths use
    /// <c>/</c>. See <see cref="CommitAsync"/> for the commit and retry rules.
    /// </summary>
    /// <exception cref="MpoInputException">The folder is missing, holds a top-level <c>manifest.json</c>, or a file name is not a valid blob name.</exception>
    /// <exception cref="ArtifactConflictException">The set is already committed with different content.</exception>
    public async Task<ArtifactSetCommit> UploadFolderAsync(
        string localFolder, string setPath, JsonElement? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFolder);
        var root = Path.GetFullPath(localFolder);
        if (!Directory.Exists(root))
        {
            throw new MpoInputException($"Cannot upload '{root}' as an artifact set: the folder does not exist.");
        }

        var files = new List<ArtifactSetFile>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None };
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (ArtifactSetPaths.FileProblem(relative) is { } problem)
            {
                throw new MpoInputException($"Cannot upload '{root}' as an artifact set: file '{relative}' {problem}.");
            }

            files.Add(ArtifactSetFile.FromFile(relative, file));
        }

        return await CommitAsync(setPath, files, metadata, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a committed set into <paramref name="localFolder"/> (which must be missing or empty), verifying
    /// every file's size and SHA-256. Files land in a hidden sibling folder first, which is renamed into place
    /// only when all of them verified: the folder exists only when it is complete. The manifest is not written
    /// into the folder; it is returned.
    /// </summary>
    /// <exception cref="ArtifactSetNotCommittedException">The set has no manifest.</exception>
    /// <exception cref="ArtifactSetCorruptedException">A file is missing or differs; nothing is left on disk.</exception>
    /// <exception cref="MpoInputException">The destination exists and is not an empty folder.</exception>
    public Task<DownloadedArtifactSet> DownloadToFolderAsync(string setPath, string localFolder, CancellationToken cancellationToken = default) =>
        DownloadToFolderAsync(ArtifactSetPaths.NormalizeSetPath(setPath), null, localFolder, cancellationToken);

    /// <summary>Like <see cref="DownloadToFolderAsync(string, string, CancellationToken)"/>, for the set a manifest reference points at.</summary>
    public Task<DownloadedArtifactSet> DownloadToFolderAsync(ArtifactRef manifest, string localFolder, CancellationToken cancellationToken = default) =>
        DownloadToFolderAsync(SetPathOf(manifest), manifest.Sha256, localFolder, cancellationToken);

    private async Task<DownloadedArtifactSet> DownloadToFolderAsync(
        string setPath, string? expectedSha256, string localFolder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFolder);
        var destination = Path.GetFullPath(localFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(destination) || (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any()))
        {
            throw new MpoInputException(
                $"Cannot download artifact set '{setPath}' into '{destination}': it exists and is not an empty folder.");
        }

        var (manifestRef, manifest, early) = await LoadManifestAsync(setPath, expectedSha256, cancellationToken).ConfigureAwait(false);
        early?.ThrowIfNotCommitted();

        var parent = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.partial-{Guid.NewGuid():n}");
        Directory.CreateDirectory(staging);
        try
        {
            var problems = new ConcurrentBag<ArtifactSetProblem>();
            await Parallel.ForEachAsync(manifest!.Files, Parallelism(cancellationToken), async (entry, ct) =>
            {
                var target = Path.GetFullPath(Path.Combine(staging, entry.Path));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    await _blobs.DownloadToFileAsync(ArtifactSetPaths.FilePath(setPath, entry.Path), target, ct).ConfigureAwait(false);
                }
                catch (ArtifactNotFoundException)
                {
                    problems.Add(Missing(entry));
                    return;
                }

                var (sha256, size) = await Sha256Hex.OfFileAsync(target, ct).ConfigureAwait(false);
                if (Compare(entry, sha256, size) is { } problem)
                {
                    problems.Add(problem);
                }
            }).ConfigureAwait(false);

            Result(setPath, manifestRef!, problems).ThrowIfNotCommitted();
            if (Directory.Exists(destination))
            {
                Directory.Delete(destination);
            }

            Directory.Move(staging, destination);
            return new DownloadedArtifactSet(destination, manifestRef!, manifest);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
