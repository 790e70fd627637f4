using Mpo.Core;
using Mpo.Storage;
using Mpo.Storage.Azurite;

namespace Mpo.Cli.Hosting;

/// <summary>
/// The storage a command runs against: the configured connection string (<c>--storage</c>,
/// <c>MPO_STORAGE_CONNECTION_STRING</c>, <c>AzureWebJobsStorage</c>), or else a local Azurite keeping its data in
/// <c>--data-dir</c> (default <c>.mpo/azurite</c> under the current folder) so local runs survive a reboot.
/// Azurite is installed with <c>npm ci</c> on first use, reused when one already serves that folder, and on dispose
/// stopped only if this process started it.
/// </summary>
internal sealed class StorageResolver : IAsyncDisposable
{
    /// <summary>The default Azurite data folder, relative to the current folder.</summary>
    public const string DefaultDataFolder = ".mpo/azurite";

    private readonly AzuriteInstance? _azurite;

    private StorageResolver(StorageConnection connection, AzuriteInstance? azurite)
    {
        Connection = connection;
        _azurite = azurite;
    }

    /// <summary>The connection to use (its <see cref="StorageConnection.ToString"/> is safe to print).</summary>
    public StorageConnection Connection { get; }

    /// <summary>Whether this process started the local Azurite (and so stops it on dispose).</summary>
    public bool StartedAzurite => _azurite?.StartedHere == true;

    /// <summary>Uses the configured connection, or starts (or reuses) local Azurite.</summary>
    /// <param name="storageOption">The <c>--storage</c> value, if given.</param>
    /// <param name="dataFolder">The Azurite data folder (<c>--data-dir</c>).</param>
    /// <param name="progress">Receives progress lines (install, start, reuse).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="MpoInputException">Nothing is configured and Azurite cannot start; the message says why.</exception>
    public static async Task<StorageResolver> ResolveAsync(
        string? storageOption, string dataFolder, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (StorageConnection.FromConfiguration(storageOption) is { } configured)
        {
            return new StorageResolver(configured, azurite: null);
        }

        progress($"No storage connection string configured ({StorageConnection.CommandLineOption}, " +
                 $"{StorageConnection.ConnectionStringVariable} or {StorageConnection.FunctionsEnvironmentVariable}); using local Azurite.");
        try
        {
            var azurite = await AzuriteLauncher.StartAsync(
                new AzuriteOptions { DataFolder = dataFolder }, progress, cancellationToken).ConfigureAwait(false);
            return new StorageResolver(StorageConnection.FromConnectionString(azurite.ConnectionString, "local Azurite"), azurite);
        }
        catch (AzuriteException e)
        {
            throw new MpoInputException($"Local Azurite could not start: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
