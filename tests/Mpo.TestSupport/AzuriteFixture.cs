using Xunit;

using Mpo.Storage.Azurite;

namespace Mpo.TestSupport;

/// <summary>
/// One storage endpoint per test assembly: the connection string in <c>MPO_TEST_STORAGE</c> when set
/// (CI starts Azurite once), otherwise an in-memory Azurite on free ports, installed and started here.
/// Use a unique task hub or container name per test class.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Environment variable with a connection string to use instead of starting Azurite.</summary>
    public const string ConnectionVariable = "MPO_TEST_STORAGE";

    private AzuriteInstance? _instance;

    /// <summary>The storage connection string (a secret in production; the public dev key here).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        _instance = await AzuriteLauncher.StartAsync(
            new AzuriteOptions { BlobPort = 0, QueuePort = 0, TablePort = 0 },
            line => Console.Error.WriteLine($"[azurite] {line}"));
        ConnectionString = _instance.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
    }
}

/// <summary>Names unique per test, valid as task hub and container names (lowercase letters and digits).</summary>
public static class TestNames
{
    private static int _counter;

    /// <summary>A name like <c>t3f9a01</c> + counter: starts with a letter, at most 20 characters.</summary>
    public static string Unique(string prefix = "t")
    {
        var n = Interlocked.Increment(ref _counter);
        return $"{prefix}{Environment.ProcessId % 100000:x}{n:x}{Random.Shared.Next(0x1000):x}".ToLowerInvariant();
    }
}
