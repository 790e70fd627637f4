using Azure.Storage;
using Azure.Storage.Blobs;

namespace Mpo.Storage;

/// <summary>
/// Artifacts (checkpoints, rubrics, rollouts, scores) as blobs in one container of Azurite or an Azure storage
/// account: put, get, list, exists, delete, and write-once creates.
/// </summary>
/// <remarks>
/// Durable activities run at least once, so writes come in two kinds: <see cref="PutAsync"/> overwrites (scratch
/// data, files of a set before its manifest commits it), and <see cref="CreateAsync"/> writes once with
/// <c>If-None-Match: *</c>, treating identical existing content as success, so a retried activity is idempotent
/// and a different writer is refused. Every SDK failure surfaces as an <see cref="ArtifactStorageException"/>.
/// Thread-safe; create one per process and share it.
/// </remarks>
public sealed partial class BlobArtifactStore
{
    private readonly BlobContainerClient _container;
    private volatile bool _containerReady;

    /// <summary>Wraps a container client (its credentials and retry settings are used as they are).</summary>
    public BlobArtifactStore(BlobContainerClient container, ArtifactStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _container = container;
        Options = options;
    }

    /// <summary>The options in use.</summary>
    public ArtifactStoreOptions Options { get; }

    /// <summary>The container name.</summary>
    public string ContainerName => _container.Name;

    /// <summary>Creates a store for <paramref name="connection"/> (a connection string or an account URL + credential).</summary>
    public static BlobArtifactStore Create(StorageConnection connection, ArtifactStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new ArtifactStoreOptions();
        options.Validate();
        var service = connection.CreateBlobServiceClient(options);
        return new BlobArtifactStore(service.GetBlobContainerClient(options.ContainerName), options);
    }

    /// <summary>Creates the container if it is missing and <see cref="ArtifactStoreOptions.CreateContainerIfMissing"/> allows.</summary>
    /// <remarks>Every operation calls this first, once per store; call it early to surface a bad connection at start.</remarks>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken = default)
    {
        if (_containerReady || !Options.CreateContainerIfMissing)
        {
            return;
        }

        await StorageFailures.Guard("create container", ContainerName, "",
            () => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        _containerReady = true;
    }

    private BlobClient Blob(string path, string parameterName = "path") =>
        _container.GetBlobClient(BlobPaths.Check(path, parameterName));

    private StorageTransferOptions Transfer => new() { MaximumConcurrency = Options.MaxTransferConcurrency };
}
