using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mpo.Storage.Azurite;

/// <summary>
/// A running Azurite. Disposing stops it only if this process started it; an instance that was already
/// listening (reused) is left running.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private readonly Process? _process;

    internal AzuriteInstance(int blobPort, int queuePort, int tablePort, Process? startedProcess, string? dataFolder)
    {
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        _process = startedProcess;
        DataFolder = dataFolder;
    }

    /// <summary>Blob port on 127.0.0.1.</summary>
    public int BlobPort { get; }

    /// <summary>Queue port on 127.0.0.1.</summary>
    public int QueuePort { get; }

    /// <summary>Table port on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>The data folder, or <c>null</c> when in memory.</summary>
    public string? DataFolder { get; }

    /// <summary>Whether this process started Azurite (and so stops it on dispose).</summary>
    public bool StartedHere => _process is not null;

    /// <summary>The process id when started here.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The connection string for the development account on these ports.</summary>
    public string ConnectionString => AzuriteConnection.For(BlobPort, QueuePort, TablePort);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            // SIGTERM first: Azurite then saves its metadata store (autosaved only every 5 s), so blobs written
            // just before the stop survive in a data folder. SIGKILL only if it does not exit in time.
            if (!_process.HasExited && await TerminateAsync(_process, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
            {
                return;
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // It did not stop in time; the OS reaps it with its parent.
        }
        finally
        {
            if (DataFolder is not null)
            {
                AzuriteState.Delete(DataFolder);
            }

            _process.Dispose();
        }
    }

    /// <summary>Sends SIGTERM and waits; <c>true</c> when the process exited within <paramref name="timeout"/>.</summary>
    private static async Task<bool> TerminateAsync(Process process, TimeSpan timeout)
    {
        if (OperatingSystem.IsWindows() || SendSignal(process.Id, SigTerm) != 0)
        {
            return false;
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
