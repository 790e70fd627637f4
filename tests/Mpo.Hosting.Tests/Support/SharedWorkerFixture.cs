using Mpo.TestSupport;

namespace Mpo.Hosting.Tests.Support;

/// <summary>
/// One worker process, a client and a scratch folder on a fresh task hub, shared by the tests of one class and
/// started by the first of them (the storage endpoint comes from the collection's <see cref="AzuriteFixture"/>).
/// </summary>
public sealed class SharedWorkerFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WorkerProcess? _worker;
    private TaskHubClient? _client;

    /// <summary>The task hub of this class.</summary>
    public string Hub { get; } = TestNames.Unique("feat");

    /// <summary>A folder for activity records.</summary>
    public TempFolder Folder { get; } = new();

    /// <summary>Starts the worker and client once; returns the client.</summary>
    public async Task<TaskHubClient> StartAsync(AzuriteFixture azurite)
    {
        await _gate.WaitAsync();
        try
        {
            _worker ??= await WorkerProcess.StartAsync(azurite.ConnectionString, Hub, slot: 0);
            _client ??= TaskHubClient.Create(azurite.ConnectionString, Hub);
            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        Folder.Dispose();
        _gate.Dispose();
    }
}
