using System.Diagnostics;
using Azure;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mpo.Core;
using Mpo.Hosting.Configuration;
using Mpo.Storage;

namespace Mpo.Hosting.Worker;

/// <summary>
/// The SDK worker target (<c>UseBuildTarget</c>) that runs the registered SDK orchestrators and activities on a
/// DTFx <see cref="TaskHubWorker"/> over Azure Storage. Starting it starts the TaskHubWorker; stopping it stops
/// the TaskHubWorker gracefully (in-flight episodes finish, partition leases are released for other workers).
/// </summary>
public sealed class MpoDurableTaskWorker : DurableTaskWorker
{
    /// <summary>How long a graceful stop may take before the host gives up on it.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(25);

    private readonly IServiceProvider _services;
    private readonly AzureStorageOrchestrationService _service;
    private readonly DurableHostOptions _options;
    private readonly StorageConnection _connection;
    private readonly DurableTaskWorkerOptions _workerOptions;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private TaskHubWorker? _worker;

    /// <summary>Created by the SDK's worker builder through dependency injection.</summary>
    public MpoDurableTaskWorker(
        string? name,
        IDurableTaskFactory factory,
        IServiceProvider services,
        AzureStorageOrchestrationService service,
        DurableHostOptions options,
        StorageConnection connection,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(workerOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _services = services;
        _service = service;
        _options = options;
        _connection = connection;
        _workerOptions = workerOptions.Get(Name);
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<MpoDurableTaskWorker>();
    }

    /// <summary>The id under which this worker holds partition leases.</summary>
    public string WorkerId => _options.WorkerId;

    /// <summary>Whether the TaskHubWorker has started and not yet stopped.</summary>
    public bool IsRunning { get; private set; }

    /// <inheritdoc />
    /// <exception cref="MpoInputException">The storage account cannot be reached or refuses the credentials.</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.WorkerStarting(_options.WorkerId, _options.HubName, _options.PartitionCount, _connection.Describe());
        var clock = Stopwatch.StartNew();
        var shims = new DurableTaskShimFactory(_workerOptions, _loggerFactory);
        var worker = new TaskHubWorker(
            _service,
            new MiddlewareOrchestrations(),
            new SdkActivityManager(Factory, _services, shims, _logger),
            _loggerFactory)
        {
            // TaskFailedException.FailureDetails and the SDK's retry handling depend on failure details.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        var middleware = new SdkOrchestrationMiddleware(
            Factory, _services, shims, _service.EventBehaviourForContinueAsNew, _logger);
        worker.AddOrchestrationDispatcherMiddleware(middleware.InvokeAsync);
        try
        {
            await worker.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure(e) is { } failure)
        {
            worker.Dispose();
            throw new MpoInputException(
                $"{_connection.Source}: cannot use the task hub '{_options.HubName}' at {_connection.Describe()}: {failure.Message}", e);
        }

        _worker = worker;
        IsRunning = true;
        _logger.WorkerStarted(_options.WorkerId, clock.ElapsedMilliseconds);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not { } worker || !IsRunning)
        {
            return;
        }

        IsRunning = false;
        _logger.WorkerStopping(_options.WorkerId);
        var clock = Stopwatch.StartNew();
        try
        {
            await worker.StopAsync(isForced: false).WaitAsync(StopTimeout, cancellationToken).ConfigureAwait(false);
            _logger.WorkerStopped(_options.WorkerId, clock.ElapsedMilliseconds);
        }
        catch (TimeoutException)
        {
            _logger.WorkerStopTimedOut(_options.WorkerId, StopTimeout.TotalSeconds);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _worker?.Dispose();
        base.Dispose();
    }

    /// <summary>The storage error (unreachable endpoint, refused credentials) behind a failed start, if any.</summary>
    private static RequestFailedException? StorageFailure(Exception e) => e switch
    {
        RequestFailedException r => r,
        AggregateException a => a.InnerExceptions.Select(StorageFailure).FirstOrDefault(f => f is not null),
        { InnerException: { } inner } => StorageFailure(inner),
        _ => null,
    };

    /// <summary>Not used: <see cref="StartAsync"/> and <see cref="StopAsync"/> drive the TaskHubWorker directly.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
