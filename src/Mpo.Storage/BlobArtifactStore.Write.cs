using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

using Mpo.Core;

namespace Mpo.Storage;

public sealed partial class BlobArtifactStore
{
    /// <summary>Writes (or overwrites) a blob and returns its reference.</summary>
    public async Task<ArtifactRef> PutAsync(string path, BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await StorageFailures.Guard("put", ContainerName, path,
            () => blob.UploadAsync(content, UploadOptions(path, writeOnce: false), cancellationToken)).ConfigureAwait(false);
        return new ArtifactRef(path, Sha256Hex.Of(content.ToMemory().Span));
    }

    /// <summary>Writes (or overwrites) a blob from a local file, in parallel blocks for large files.</summary>
    public async Task<ArtifactRef> PutFileAsync(string path, string localFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFile);
        BlobPaths.Check(path, nameof(path));
        var (sha256, _) = await Sha256Hex.OfFileAsync(localFile, cancellationToken).ConfigureAwait(false);
        await UploadFileAsync(path, localFile, cancellationToken).ConfigureAwait(false);
        return new ArtifactRef(path, sha256);
    }

    /// <summary>Overwrites a blob from a file whose hash the caller already knows (set files).</summary>
    internal async Task UploadFileAsync(string path, string localFile, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await StorageFailures.Guard("put", ContainerName, path,
            () => blob.UploadAsync(localFile, UploadOptions(path, writeOnce: false), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a write-once blob (<c>If-None-Match: *</c>). When the blob exists with identical bytes the call
    /// succeeds with <see cref="WriteOnceResult.Created"/> <c>false</c>; with different bytes it throws.
    /// </summary>
    /// <exception cref="ArtifactConflictException">The blob exists with different content; it is left as it is.</exception>
    public async Task<WriteOnceResult> CreateAsync(string path, BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = Blob(path);
        var artifact = new ArtifactRef(path, Sha256Hex.Of(content.ToMemory().Span));
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await CreateOnceAsync(blob, artifact,
            () => blob.UploadAsync(content, UploadOptions(path, writeOnce: true), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="CreateAsync"/>, from a local file.</summary>
    /// <exception cref="ArtifactConflictException">The blob exists with different content; it is left as it is.</exception>
    public async Task<WriteOnceResult> CreateFromFileAsync(string path, string localFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFile);
        var blob = Blob(path);
        var (sha256, _) = await Sha256Hex.OfFileAsync(localFile, cancellationToken).ConfigureAwait(false);
        var artifact = new ArtifactRef(path, sha256);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await CreateOnceAsync(blob, artifact,
            () => blob.UploadAsync(localFile, UploadOptions(path, writeOnce: true), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<WriteOnceResult> CreateOnceAsync(
        BlobClient blob, ArtifactRef artifact, Func<Task<Response<BlobContentInfo>>> upload, CancellationToken ct)
    {
        try
        {
            await upload().ConfigureAwait(false);
            return new WriteOnceResult(artifact, Created: true);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412
            && e.ErrorCode is "BlobAlreadyExists" or "ConditionNotMet" or null)
        {
            var existing = await StorageFailures.Guard("read existing", ContainerName, artifact.Path, async () =>
            {
                using var download = (await blob.DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
                return await Sha256Hex.OfStreamAsync(download.Content, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

            return existing == artifact.Sha256
                ? new WriteOnceResult(artifact, Created: false)
                : throw new ArtifactConflictException(
                    $"'{ContainerName}/{artifact.Path}' already exists with different content " +
                    $"(stored sha256 {existing}, refused sha256 {artifact.Sha256}); write-once artifacts are never overwritten.",
                    artifact.Path, existing, artifact.Sha256);
        }
        catch (Exception e) when (StorageFailures.Map(e, "create", ContainerName, artifact.Path) is { } mapped)
        {
            throw mapped;
        }
    }

    private BlobUploadOptions UploadOptions(string path, bool writeOnce) => new()
    {
        Conditions = writeOnce ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
        HttpHeaders = new BlobHttpHeaders
        {
            ContentType = path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream",
        },
        TransferOptions = Transfer,
    };
}
