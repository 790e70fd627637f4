using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Cli;
using Mpo.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Storage;
using Mpo.TestSupport;

namespace Mpo.EndToEnd.Tests.Support;

/// <summary>
/// One task hub on the fixture's Azurite, driven as a user would: <c>mpo train --no-worker --detach</c> and
/// <c>mpo worker</c> as real processes, <c>mpo status|suspend|resume --json</c> through the same command line
/// in-process (polling many times a second with a new process each time would load the machine more than the run).
/// </summary>
public sealed class TaskHub : IAsyncDisposable
{
    /// <summary>Activity and orchestration messages of a killed worker become visible again after this (the
    /// product default is 30 s); a restarted worker with the same slot reclaims its partitions at once.</summary>
    public const string VisibilityTimeout = "00:00:05";

    private readonly TempFolder _folder = new();
    private readonly List<MpoProcess> _processes = [];
    private readonly Action<string> _log;
    private int _workers;

    /// <summary>Creates a hub with a unique name on <paramref name="connectionString"/>.</summary>
    public TaskHub(string connectionString, Action<string> log)
    {
        ConnectionString = connectionString;
        Name = TestNames.Unique("e2e");
        _log = log;
    }

    /// <summary>The storage connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The task hub name.</summary>
    public string Name { get; }

    /// <summary>A scratch folder (config files, process working directory).</summary>
    public string Folder => _folder.Path;

    /// <summary>The processes' temp folder (<c>TMPDIR</c>): a worker keeps its scratch copies under it, and a SIGKILLed
    /// worker never deletes them, so they go with the hub's folder.</summary>
    private string TempDirectory => Directory.CreateDirectory(Path.Combine(Folder, "tmp")).FullName;

    private Dictionary<string, string> Environment => new()
    {
        ["TMPDIR"] = TempDirectory,
        ["MPO_STORAGE_CONNECTION_STRING"] = ConnectionString,
        ["MPO_HUB_NAME"] = Name,
        ["MPO_WORK_ITEM_QUEUE_VISIBILITY_TIMEOUT"] = VisibilityTimeout,
        ["MPO_CONTROL_QUEUE_VISIBILITY_TIMEOUT"] = VisibilityTimeout,
    };

    /// <summary>Writes <paramref name="configJson"/> to a file and starts the run with <c>mpo train --no-worker --detach</c> (a real process).</summary>
    public async Task StartRunAsync(string runId, string configJson)
    {
        var file = Path.Combine(Folder, $"{runId}.json");
        await File.WriteAllTextAsync(file, configJson);
        await using var train = MpoProcess.Start("train", Folder, Environment, "train", "--config", file, "--run-id", runId, "--no-worker", "--detach");
        var code = await train.WaitForExitAsync(TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"mpo train --detach exited {code}:\n{train.Output}");
        _log($"[{Name}] started run {runId}");
    }

    /// <summary>What <c>mpo worker</c> prints once its durable worker is running.</summary>
    public const string WorkerRunning = "Press Ctrl-C to stop.";

    /// <summary>Starts <c>mpo worker --slot 1</c>; a restart reuses the slot, so it reclaims the leases at once.</summary>
    public MpoProcess StartWorker()
    {
        var worker = MpoProcess.Start($"worker#{++_workers}", Folder, Environment, "worker", "--slot", "1");
        _processes.Add(worker);
        return worker;
    }

    /// <summary><c>mpo ARGS --json</c> in-process on this hub; asserts exit 0 and returns its one JSON object.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MpoCommandLine.RunAsync([.. args, "--json", "--storage", ConnectionString, "--hub", Name], output, error);
        Assert.True(code == 0, $"mpo {string.Join(' ', args)} exited {code}: {error}");
        using var document = JsonDocument.Parse(output.ToString());
        return document.RootElement.Clone();
    }

    /// <summary><c>mpo status RUN_ID --json</c>.</summary>
    public Task<JsonElement> StatusAsync(string runId) => JsonAsync("status", runId);

    /// <summary>Polls <c>mpo status --json</c> until <paramref name="condition"/> holds; fails early when the run failed or a live worker exited.</summary>
    public async Task<JsonElement> StatusUntilAsync(string runId, Func<JsonElement, bool> condition, TimeSpan timeout, MpoProcess? worker = null, bool allowFailed = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await StatusAsync(runId);
            if (condition(status))
            {
                return status;
            }

            var state = status.GetProperty("state").GetString();
            if (!allowFailed && state is "Failed" or "Terminated")
            {
                throw new InvalidOperationException($"run {runId} is {state}: {status.GetProperty("failure")}\n{worker?.Output}");
            }

            if (worker is { HasExited: true })
            {
                throw new InvalidOperationException($"{worker.Name} exited while waiting for {runId}:\n{worker.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"status of {runId} never met the condition in {timeout}; last: {status}\n{worker?.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until a durable instance of this hub (e.g. a run's evaluation scheduler) has finished, and returns its state.</summary>
    public async Task<OrchestrationRuntimeStatus> InstanceFinishedAsync(string instanceId, TimeSpan timeout) =>
        (await InstanceUntilAsync(instanceId, s => s is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated, timeout))!.Value;

    /// <summary>Polls a durable instance of this hub (e.g. a run's epoch) until its runtime status (null: no such instance) meets <paramref name="condition"/>.</summary>
    public async Task<OrchestrationRuntimeStatus?> InstanceUntilAsync(string instanceId, Func<OrchestrationRuntimeStatus?, bool> condition, TimeSpan timeout)
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddMpoDurableClient(new DurableHostOptions { HubName = Name }, StorageConnection.FromConnectionString(ConnectionString, "test"))
            .BuildServiceProvider();
        var client = services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId);
            if (condition(instance?.RuntimeStatus))
            {
                return instance?.RuntimeStatus;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"instance {instanceId} never met the condition in {timeout}; last: {instance?.RuntimeStatus.ToString() ?? "none"}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the run completed (with a live worker).</summary>
    public Task<JsonElement> CompletedAsync(string runId, MpoProcess worker, TimeSpan timeout) =>
        StatusUntilAsync(runId, s => s.GetProperty("state").GetString() == "Completed", timeout, worker);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _folder.Dispose();
    }
}
