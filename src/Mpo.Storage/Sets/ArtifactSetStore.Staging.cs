using System.Text.Json;

namespace Mpo.Storage.Sets;

/// <summary>
/// Staging and committing as two steps, for writers that upload a set in one attempt (or one activity) and commit it
/// in another: <see cref="StageAsync"/> uploads the files and returns what the manifest will list, and
/// <see cref="CommitStagedAsync"/> later writes that manifest, without downloading or re-uploading the files.
/// </summary>
public sealed partial class ArtifactSetStore
{
    /// <summary>
    /// Uploads the files of a set without committing it (overwriting leftovers of an interrupted attempt) and
    /// returns their manifest entries, in path order. The set stays invisible until <see cref="CommitStagedAsync"/>.
    /// </summary>
    /// <param name="setPath">The set's folder, e.g. <c>runs/r1/checkpoints/000012</c>.</param>
    /// <param name="files">The files; paths unique, <c>manifest.json</c> at the top is reserved.</param>
    /// <param name="cancellationToken">Cancels the upload (the set stays uncommitted).</param>
    /// <exception cref="ArtifactConflictException">The set is already committed; its files are never touched.</exception>
    public async Task<IReadOnlyList<ArtifactManifestEntry>> StageAsync(
        string setPath, IEnumerable<ArtifactSetFile> files, CancellationToken cancellationToken = default)
    {
        setPath = ArtifactSetPaths.NormalizeSetPath(setPath);
        ArgumentNullException.ThrowIfNull(files);
        var sources = files.ToArray();
        if (await GetManifestRefAsync(setPath, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new ArtifactConflictException(
                $"Artifact set '{setPath}' is already committed (manifest sha256 {existing.Sha256}); its files are never overwritten.",
                existing.Path, existing.Sha256, attemptedSha256: "");
        }

        var entries = new ArtifactManifestEntry[sources.Length];
        await Parallel.ForAsync(0, sources.Length, Parallelism(cancellationToken), async (i, ct) =>
            entries[i] = await DescribeAsync(sources[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        await UploadAsync(setPath, sources, cancellationToken).ConfigureAwait(false);
        return [.. entries.OrderBy(e => e.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The staged files that are missing or have another size than <paramref name="files"/> records (empty when all
    /// are in place). Sizes only: hashes are verified whenever the committed set is read.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindUnstagedAsync(
        string setPath, IEnumerable<ArtifactManifestEntry> files, CancellationToken cancellationToken = default)
    {
        setPath = ArtifactSetPaths.NormalizeSetPath(setPath);
        ArgumentNullException.ThrowIfNull(files);
        var prefix = setPath + "/";
        var present = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var blob in _blobs.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            present[blob.Path[prefix.Length..]] = blob.Size;
        }

        return [.. files.Where(f => !present.TryGetValue(f.Path, out var size) || size != f.Size).Select(f => f.Path)];
    }

    /// <summary>
    /// Commits files staged earlier (<see cref="StageAsync"/>): checks each is present at its recorded size, then
    /// creates <c>manifest.json</c> write-once, byte-identical to what <see cref="CommitAsync"/> writes for the same
    /// files and metadata. When the set is already committed with the identical manifest, nothing is written and
    /// <see cref="ArtifactSetCommit.Created"/> is <c>false</c>.
    /// </summary>
    /// <param name="setPath">The set's folder.</param>
    /// <param name="files">The staged files' entries (path, SHA-256, size), as <see cref="StageAsync"/> returned them.</param>
    /// <param name="metadata">A JSON object stored in the manifest; no timestamps or host names, or retries stop being identical.</param>
    /// <param name="cancellationToken">Cancels the commit (the set stays uncommitted).</param>
    /// <exception cref="ArtifactConflictException">The set is already committed with different content.</exception>
    /// <exception cref="InvalidDataException">A staged file is missing or has another size; the files must be staged again.</exception>
    public async Task<ArtifactSetCommit> CommitStagedAsync(
        string setPath, IEnumerable<ArtifactManifestEntry> files, JsonElement? metadata = null, CancellationToken cancellationToken = default)
    {
        setPath = ArtifactSetPaths.NormalizeSetPath(setPath);
        ArgumentNullException.ThrowIfNull(files);
        var entries = files.ToArray();
        var manifestBytes = new ArtifactManifest(entries, metadata).ToCanonicalJson();
        if (await ExistingCommitAsync(setPath, manifestBytes, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var unstaged = await FindUnstagedAsync(setPath, entries, cancellationToken).ConfigureAwait(false);
        if (unstaged.Count > 0)
        {
            throw new InvalidDataException(
                $"Artifact set '{setPath}': staged file(s) {string.Join(", ", unstaged)} are missing or have another size; they must be staged again.");
        }

        return await CreateManifestAsync(setPath, manifestBytes, cancellationToken).ConfigureAwait(false);
    }
}
