using System.Runtime.CompilerServices;

using Azure;
using Azure.Storage.Blobs.Models;

namespace Mpo.Storage;

public sealed partial class BlobArtifactStore
{
    /// <summary>Reads a whole blob into memory.</summary>
    /// <exception cref="ArtifactNotFoundException">The blob does not exist.</exception>
    public async Task<BinaryData> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await StorageFailures.Guard("get", ContainerName, path, async () =>
            (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content).ConfigureAwait(false);
    }

    /// <summary>Opens a blob as a forward-only stream (one GET); dispose it when done.</summary>
    /// <exception cref="ArtifactNotFoundException">The blob does not exist.</exception>
    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await StorageFailures.Guard("open", ContainerName, path, async () =>
            (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content).ConfigureAwait(false);
    }

    /// <summary>Downloads a blob into a local file (parallel ranges for large blobs), replacing the file.</summary>
    /// <exception cref="ArtifactNotFoundException">The blob does not exist.</exception>
    public async Task DownloadToFileAsync(string path, string localFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFile);
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await StorageFailures.Guard("download", ContainerName, path, () =>
            blob.DownloadToAsync(localFile, new BlobDownloadToOptions { TransferOptions = Transfer }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Whether the blob exists.</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await StorageFailures.Guard("exists", ContainerName, path, async () =>
            (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob; returns whether it existed.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await StorageFailures.Guard("delete", ContainerName, path, async () =>
            (await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the blobs whose path starts with <paramref name="prefix"/> (a plain string prefix: use a trailing
    /// <c>/</c> for a folder), in the service's order (ordinal by path).
    /// </summary>
    public async IAsyncEnumerable<ArtifactInfo> ListAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages();
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Page<BlobItem>? page = null;
            try
            {
                if (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    page = enumerator.Current;
                }
            }
            catch (Exception e) when (StorageFailures.Map(e, "list", ContainerName, prefix) is { } mapped)
            {
                throw mapped;
            }

            if (page is null)
            {
                yield break;
            }

            foreach (var item in page.Values)
            {
                yield return new ArtifactInfo(item.Name, item.Properties.ContentLength ?? 0);
            }
        }
    }
}
