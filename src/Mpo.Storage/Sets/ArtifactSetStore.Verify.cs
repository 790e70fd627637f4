using System.Collections.Concurrent;

using Mpo.Core;

namespace Mpo.Storage.Sets;

public sealed partial class ArtifactSetStore
{
    /// <summary>Reads a committed set into memory, verifying every file's size and SHA-256 against the manifest.</summary>
    /// <exception cref="ArtifactSetNotCommittedException">The set has no manifest.</exception>
    /// <exception cref="ArtifactSetCorruptedException">A file is missing or differs, or the manifest is unreadable.</exception>
    public Task<ArtifactSet> ReadAsync(string setPath, CancellationToken cancellationToken = default) =>
        ReadAsync(ArtifactSetPaths.NormalizeSetPath(setPath), expectedManifestSha256: null, cancellationToken);

    /// <summary>
    /// Reads the set a manifest reference points at (as carried in orchestration payloads), also checking that
    /// the manifest still has the referenced SHA-256.
    /// </summary>
    /// <exception cref="ArtifactSetNotCommittedException">The set has no manifest.</exception>
    /// <exception cref="ArtifactSetCorruptedException">The manifest differs from the reference, or a file is missing or differs.</exception>
    public Task<ArtifactSet> ReadAsync(ArtifactRef manifest, CancellationToken cancellationToken = default) =>
        ReadAsync(SetPathOf(manifest), manifest.Sha256, cancellationToken);

    /// <summary>
    /// Verifies a set without throwing for its state: <see cref="ArtifactSetState.NotCommitted"/>,
    /// <see cref="ArtifactSetState.Corrupted"/> (with every problem) or <see cref="ArtifactSetState.Committed"/>.
    /// Files are streamed and hashed, not kept in memory.
    /// </summary>
    public async Task<ArtifactSetCheck> CheckAsync(string setPath, CancellationToken cancellationToken = default)
    {
        setPath = ArtifactSetPaths.NormalizeSetPath(setPath);
        var (manifestRef, manifest, early) = await LoadManifestAsync(setPath, null, cancellationToken).ConfigureAwait(false);
        if (early is not null)
        {
            return early;
        }

        var problems = new ConcurrentBag<ArtifactSetProblem>();
        await Parallel.ForEachAsync(manifest!.Files, Parallelism(cancellationToken), async (entry, ct) =>
        {
            try
            {
                await using var stream = await _blobs.OpenReadAsync(ArtifactSetPaths.FilePath(setPath, entry.Path), ct).ConfigureAwait(false);
                var (sha256, size) = await Sha256Hex.OfStreamCountingAsync(stream, ct).ConfigureAwait(false);
                if (Compare(entry, sha256, size) is { } problem)
                {
                    problems.Add(problem);
                }
            }
            catch (ArtifactNotFoundException)
            {
                problems.Add(Missing(entry));
            }
        }).ConfigureAwait(false);

        return Result(setPath, manifestRef!, problems);
    }

    private async Task<ArtifactSet> ReadAsync(string setPath, string? expectedManifestSha256, CancellationToken cancellationToken)
    {
        var (manifestRef, manifest, early) = await LoadManifestAsync(setPath, expectedManifestSha256, cancellationToken).ConfigureAwait(false);
        early?.ThrowIfNotCommitted();

        var files = new ConcurrentDictionary<string, BinaryData>(StringComparer.Ordinal);
        var problems = new ConcurrentBag<ArtifactSetProblem>();
        await Parallel.ForEachAsync(manifest!.Files, Parallelism(cancellationToken), async (entry, ct) =>
        {
            try
            {
                var bytes = await _blobs.GetAsync(ArtifactSetPaths.FilePath(setPath, entry.Path), ct).ConfigureAwait(false);
                var memory = bytes.ToMemory();
                if (Compare(entry, Sha256Hex.Of(memory.Span), memory.Length) is { } problem)
                {
                    problems.Add(problem);
                }
                else
                {
                    files[entry.Path] = bytes;
                }
            }
            catch (ArtifactNotFoundException)
            {
                problems.Add(Missing(entry));
            }
        }).ConfigureAwait(false);

        Result(setPath, manifestRef!, problems).ThrowIfNotCommitted();
        return new ArtifactSet(setPath, manifestRef!, manifest, files);
    }

    /// <summary>Reads and parses the manifest; a non-null check means the set is not usable as it stands.</summary>
    private async Task<(ArtifactRef? Ref, ArtifactManifest? Manifest, ArtifactSetCheck? Early)> LoadManifestAsync(
        string setPath, string? expectedSha256, CancellationToken ct)
    {
        var manifestPath = ArtifactSetPaths.ManifestPath(setPath);
        BinaryData bytes;
        try
        {
            bytes = await _blobs.GetAsync(manifestPath, ct).ConfigureAwait(false);
        }
        catch (ArtifactNotFoundException)
        {
            return (null, null, new ArtifactSetCheck(setPath, ArtifactSetState.NotCommitted, null, []));
        }

        var manifestRef = new ArtifactRef(manifestPath, Sha256Hex.Of(bytes.ToMemory().Span));
        if (expectedSha256 is not null && expectedSha256 != manifestRef.Sha256)
        {
            return (manifestRef, null, Corrupted(setPath, manifestRef, ArtifactSetProblemKind.ManifestHashMismatch,
                $"sha256 is {manifestRef.Sha256}, the reference says {expectedSha256}"));
        }

        try
        {
            return (manifestRef, ArtifactManifest.Parse(bytes.ToMemory().Span), null);
        }
        catch (FormatException e)
        {
            return (manifestRef, null, Corrupted(setPath, manifestRef, ArtifactSetProblemKind.InvalidManifest, e.Message));
        }
    }

    private static string SetPathOf(ArtifactRef manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var suffix = "/" + ArtifactSetPaths.ManifestFileName;
        return manifest.Path.EndsWith(suffix, StringComparison.Ordinal)
            ? ArtifactSetPaths.NormalizeSetPath(manifest.Path[..^suffix.Length])
            : throw new ArgumentException($"'{manifest.Path}' is not the manifest of an artifact set (…{suffix}).", nameof(manifest));
    }

    private static ArtifactSetProblem? Compare(ArtifactManifestEntry entry, string sha256, long size) =>
        size != entry.Size
            ? new ArtifactSetProblem(entry.Path, ArtifactSetProblemKind.SizeMismatch, $"size is {size} bytes, the manifest says {entry.Size}")
            : sha256 != entry.Sha256
                ? new ArtifactSetProblem(entry.Path, ArtifactSetProblemKind.HashMismatch, $"sha256 is {sha256}, the manifest says {entry.Sha256}")
                : null;

    private static ArtifactSetProblem Missing(ArtifactManifestEntry entry) =>
        new(entry.Path, ArtifactSetProblemKind.MissingFile, $"missing (the manifest lists {entry.Size} bytes)");

    private static ArtifactSetCheck Corrupted(string setPath, ArtifactRef manifestRef, ArtifactSetProblemKind kind, string detail) =>
        new(setPath, ArtifactSetState.Corrupted, manifestRef, [new ArtifactSetProblem(ArtifactSetPaths.ManifestFileName, kind, detail)]);

    private static ArtifactSetCheck Result(string setPath, ArtifactRef manifestRef, IEnumerable<ArtifactSetProblem> problems)
    {
        var sorted = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
        return new ArtifactSetCheck(setPath, sorted.Length == 0 ? ArtifactSetState.Committed : ArtifactSetState.Corrupted, manifestRef, sorted);
    }
}
