using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mpo.Pipeline;

namespace Mpo.Cli.Hosting;

/// <summary>
/// Keeps <c>{temp}/mpo-worker</c> from filling up: on start, deletes the folders that killed workers left behind; on
/// a clean stop (after the durable worker stopped, as it is registered before it), deletes this process's folder
/// unless another host of this process still uses it. See <see cref="WorkerFolders"/> for what is never deleted.
/// </summary>
internal sealed partial class WorkerFolderCleanup(PipelineOptions options, ILogger<WorkerFolderCleanup> logger) : IHostedService
{
    private IDisposable? _lease;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lease = WorkerFolders.Default.Use(options.WorkDirectory);
        var removed = WorkerFolders.Default.RemoveAbandoned();
        if (removed.Count > 0)
        {
            AbandonedFoldersRemoved(removed.Count, WorkerFolders.Default.Root);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lease, null)?.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Deleted {Count} scratch folder(s) of workers that no longer run under {Root}")]
    private partial void AbandonedFoldersRemoved(int count, string root);
}
