using System.Text.Json;

using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>
/// Artifact sets: folders of blobs (a checkpoint <c>runs/{run}/checkpoints/step-000012/…</c>) committed by a
/// <c>manifest.json</c> that is written last, with a write-once create, and lists every file's SHA-256 and size.
/// </summary>
/// <remarks>
/// A set without a manifest is not committed and is never listed or read; a committed set is verified file by
/// file when read, so a partial or corrupted set is reported (<see cref="ArtifactSetNotCommittedException"/>,
/// <see cref="ArtifactSetCorruptedException"/>) and never used. Equal contents give byte-identical manifests, so
/// a retried writer succeeds and the manifest's <see cref="ArtifactRef"/> identifies the whole set.
/// One writer per set path is assumed (activities address their outputs by run, step and shard).
/// </remarks>
public sealed partial class ArtifactSetStore
{
    private readonly BlobArtifactStore _blobs;

    /// <summary>Sets over the given blob store (same container).</summary>
    public ArtifactSetStore(BlobArtifactStore blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        _blobs = blobs;
    }

    /// <summary>The blob store the sets live in.</summary>
    public BlobArtifactStore Blobs => _blobs;

    private ParallelOptions Parallelism(CancellationToken ct) =>
        new() { MaxDegreeOfParallelism = _blobs.Options.MaxTransferConcurrency, CancellationToken = ct };

    /// <summary>
    /// Commits a set: hashes the files, uploads them (overwriting leftovers of an interrupted attempt), then
    /// creates <c>manifest.json</c> write-once. When the set is already committed with the identical manifest,
    /// nothing is uploaded and <see cref="ArtifactSetCommit.Created"/> is <c>false</c>.
    /// </summary>
    /// <param name="setPath">The set's folder, e.g. <c>runs/r1/checkpoints/step-000012</c>.</param>
    /// <param name="files">The files; paths unique, <c>manifest.json</c> at the top is reserved.</param>
    /// <param name="metadata">A JSON object stored in the manifest (step, rubric version, ...); no timestamps or host names, or retries stop being identical.</param>
    /// <param name="cancellationToken">Cancels the commit (the set stays uncommitted).</param>
    /// <exception cref="ArtifactConflictException">The set is already committed with different content; nothing was uploaded.</exception>
    public async Task<ArtifactSetCommit> CommitAsync(
        string setPath, IEnumerable<ArtifactSetFile> files, JsonElement? metadata = null, CancellationToken cancellationToken = default)
    {
        setPath = ArtifactSetPaths.NormalizeSetPath(setPath);
        ArgumentNullException.ThrowIfNull(files);
        var sources = files.ToArray();

        var entries = new ArtifactManifestEntry[sources.Length];
        await Parallel.ForAsync(0, sources.Length, Parallelism(cancellationToken), async (i, ct) =>
            entries[i] = await DescribeAsync(sources[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        var manifestBytes = new ArtifactManifest(entries, metadata).ToCanonicalJson();

        // A committed set is never touched: re-uploading different files would corrupt it before the
        // manifest create refuses the second writer.
        if (await ExistingCommitAsync(setPath, manifestBytes, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        await UploadAsync(setPath, sources, cancellationToken).ConfigureAwait(false);
        return await CreateManifestAsync(setPath, manifestBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The commit when the set is already committed with exactly <paramref name="manifestBytes"/>; <c>null</c> when
    /// it is not committed.
    /// </summary>
    /// <exception cref="ArtifactConflictException">The set is committed with a different manifest.</exception>
    private async Task<ArtifactSetCommit?> ExistingCommitAsync(string setPath, byte[] manifestBytes, CancellationToken ct)
    {
        var wanted = Sha256Hex.Of(manifestBytes);
        if (await GetManifestRefAsync(setPath, ct).ConfigureAwait(false) is not { } existing)
        {
            return null;
        }

        return existing.Sha256 == wanted
            ? new ArtifactSetCommit(existing, Created: false)
            : throw new ArtifactConflictException(
                $"Artifact set '{setPath}' is already committed with different content (manifest sha256 " +
                $"{existing.Sha256}, refused {wanted}); committed sets are never overwritten.",
                existing.Path, existing.Sha256, wanted);
    }

    /// <summary>Uploads the files of a set, overwriting leftovers of an interrupted attempt.</summary>
    private Task UploadAsync(string setPath, IReadOnlyList<ArtifactSetFile> sources, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(sources, Parallelism(cancellationToken), async (file, ct) =>
        {
            var blobPath = ArtifactSetPaths.FilePath(setPath, file.RelativePath);
            if (file.Content is { } content)
            {
                await _blobs.PutAsync(blobPath, content, ct).ConfigureAwait(false);
            }
            else
            {
                await _blobs.UploadFileAsync(blobPath, file.LocalFile!, ct).ConfigureAwait(false);
            }
        });

    /// <summary>Commits the set: creates its manifest write-once, after every file is in place.</summary>
    private async Task<ArtifactSetCommit> CreateManifestAsync(string setPath, byte[] manifestBytes, CancellationToken ct)
    {
        var created = await _blobs.CreateAsync(ArtifactSetPaths.ManifestPath(setPath), new BinaryData(manifestBytes), ct).ConfigureAwait(false);
        return new ArtifactSetCommit(created.Artifact, created.Created);
    }

    /// <summary>
    /// The manifest's reference (path and SHA-256) of a committed set, or <c>null</c> when the set has no manifest.
    /// Cheap: reads the manifest only; the files are verified by <see cref="ReadAsync(string, CancellationToken)"/>,
    /// <see cref="CheckAsync"/> and the folder download.
    /// </summary>
    public async Task<ArtifactRef?> GetManifestRefAsync(string setPath, CancellationToken cancellationToken = default)
    {
        var manifestPath = ArtifactSetPaths.ManifestPath(setPath);
        try
        {
            var bytes = await _blobs.GetAsync(manifestPath, cancellationToken).ConfigureAwait(false);
            return new ArtifactRef(manifestPath, Sha256Hex.Of(bytes.ToMemory().Span));
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The committed sets directly under <paramref name="parentPath"/> (those with a manifest), as set paths,
    /// ordered by the number at the end of their name (<c>step-000012</c> → 12; names without one first, then
    /// ordinal). Listing does not verify files: reading does.
    /// </summary>
    /// <param name="parentPath">The folder holding the sets, e.g. <c>runs/r1/checkpoints</c>; empty for the container root.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async Task<IReadOnlyList<string>> ListCommittedAsync(string parentPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parentPath);
        var prefix = parentPath.TrimEnd('/') is { Length: > 0 } p ? ArtifactSetPaths.NormalizeSetPath(p) + "/" : "";
        var sets = new List<string>();
        await foreach (var blob in _blobs.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = blob.Path.AsSpan(prefix.Length);
            var slash = rest.IndexOf('/');
            if (slash > 0 && rest[(slash + 1)..].SequenceEqual(ArtifactSetPaths.ManifestFileName))
            {
                sets.Add(prefix + rest[..slash].ToString());
            }
        }

        return sets.Order(SetOrder.Instance).ToList();
    }

    /// <summary>
    /// The committed set under <paramref name="parentPath"/> with the highest number (the latest step), or
    /// <c>null</c> when there is none. Read it to verify it: a corrupted latest set is reported, not skipped.
    /// </summary>
    public async Task<string?> FindLatestCommittedAsync(string parentPath, CancellationToken cancellationToken = default)
    {
        var sets = await ListCommittedAsync(parentPath, cancellationToken).ConfigureAwait(false);
        return sets.Count == 0 ? null : sets[^1];
    }

    /// <summary>
    /// Deletes a set: the manifest first (so a half-deleted set is never seen as committed), then every blob
    /// under the set's folder. Returns how many blobs were deleted. Deleting a partial set cleans it up.
    /// </summary>
    public async Task<int> DeleteAsync(string setPath, CancellationToken cancellationToken = default)
    {
        setPath = ArtifactSetPaths.NormalizeSetPath(setPath);
        var deleted = await _blobs.DeleteAsync(ArtifactSetPaths.ManifestPath(setPath), cancellationToken).ConfigureAwait(false) ? 1 : 0;
        var rest = new List<string>();
        await foreach (var blob in _blobs.ListAsync(setPath + "/", cancellationToken).ConfigureAwait(false))
        {
            rest.Add(blob.Path);
        }

        await Parallel.ForEachAsync(rest, Parallelism(cancellationToken), async (path, ct) =>
        {
            if (await _blobs.DeleteAsync(path, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref deleted);
            }
        }).ConfigureAwait(false);
        return deleted;
    }

    private static async Task<ArtifactManifestEntry> DescribeAsync(ArtifactSetFile file, CancellationToken ct)
    {
        if (file.Content is { } content)
        {
            var bytes = content.ToMemory();
            return new ArtifactManifestEntry(file.RelativePath, Sha256Hex.Of(bytes.Span), bytes.Length);
        }

        var (sha256, size) = await Sha256Hex.OfFileAsync(file.LocalFile!, ct).ConfigureAwait(false);
        return new ArtifactManifestEntry(file.RelativePath, sha256, size);
    }

    /// <summary>Orders set names by their trailing number, then ordinally.</summary>
    private sealed class SetOrder : IComparer<string>
    {
        public static readonly SetOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (nx, ny) = (TrailingNumber(x!), TrailingNumber(y!));
            var byNumber = Nullable.Compare(nx, ny);
            return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
        }

        private static decimal? TrailingNumber(string path)
        {
            var end = path.Length;
            var start = end;
            while (start > 0 && char.IsAsciiDigit(path[start - 1]))
            {
                start--;
            }

            return start < end && end - start <= 28 ? decimal.Parse(path.AsSpan(start, end - start)) : null;
        }
    }
}
