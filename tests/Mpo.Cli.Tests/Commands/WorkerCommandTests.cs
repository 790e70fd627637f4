using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Storage;
using Mpo.Storage.Azurite;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Commands;

/// <summary><c>mpo worker</c>: help, option errors, and real runs driven by an external client and SIGTERM.</summary>
public sealed class WorkerCommandTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public WorkerCommandTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Help_Worker_ListsItsOptions()
    {
        var output = new StringWriter();

        var code = await MpoCommandLine.RunAsync(["worker", "--help"], output, new StringWriter());

        Assert.Equal(0, code);
        foreach (var option in new[] { "--storage", "--hub", "--slot", "--data-dir" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_SlotOutOfRange_ExitsOneNamingTheOption()
    {
        var error = new StringWriter();

        var code = await MpoCommandLine.RunAsync(
            ["worker", "--slot", "5000", "--storage", _azurite.ConnectionString], new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.StartsWith("error: option --slot:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    [Trait("Category", "Integration")]
    public async Task Run_WithStorage_ServesExternalClientAndStopsGracefullyOnSigterm()
    {
        using var folder = new TempFolder();
        var hub = TestNames.Unique("cli");
        await using var mpo = MpoProcess.Start(folder.Path, new Dictionary<string, string>
        {
            [StorageConnection.ConnectionStringVariable] = _azurite.ConnectionString,
        }, "worker", "--hub", hub, "--slot", "4");
        await mpo.WaitForOutputAsync("Press Ctrl-C to stop.", TimeSpan.FromSeconds(60));

        // The product registers no orchestrations yet: a worker that serves the hub fails an unknown one at once.
        await using var services = new ServiceCollection().AddLogging()
            .AddMpoDurableClient(new DurableHostOptions { HubName = hub }, StorageConnection.FromConnectionString(_azurite.ConnectionString, "test"))
            .BuildServiceProvider();
        var client = services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("NotAProductOrchestrator");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var result = await client.WaitForInstanceCompletionAsync(id, cancellation: wait.Token);
        var stop = Stopwatch.StartNew();
        var code = await mpo.TerminateAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("OrchestratorTaskNotFound", result.FailureDetails?.ErrorType);
        Assert.Equal(0, code);
        Assert.Contains($"Worker {Environment.MachineName}-4 stopped.", mpo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteConnection.DevelopmentAccountKey, mpo.Output, StringComparison.Ordinal);
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(30), $"graceful stop took {stop.Elapsed}");
    }

    [Fact(Timeout = 120_000)]
    [Trait("Category", "Integration")]
    public async Task Run_KilledWorkerLeftScratchFolder_DeletesItOnStartAndOwnFolderOnGracefulStop()
    {
        // Arrange: the scratch folder of a worker process that no longer runs, under this test's own temp folder.
        using var folder = new TempFolder();
        var temp = Path.Combine(folder.Path, "tmp");
        var deadPid = await ExitedProcessIdAsync();
        var abandoned = Path.Combine(temp, "mpo-worker", deadPid.ToString(System.Globalization.CultureInfo.InvariantCulture), "checkpoints");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "model.safetensors"), "weights");

        // Act
        await using var mpo = MpoProcess.Start(folder.Path, new Dictionary<string, string>
        {
            [StorageConnection.ConnectionStringVariable] = _azurite.ConnectionString,
            ["TMPDIR"] = temp,
        }, "worker", "--hub", TestNames.Unique("tmp"));
        await mpo.WaitForOutputAsync("Press Ctrl-C to stop.", TimeSpan.FromSeconds(60));
        var abandonedAfterStart = Directory.Exists(Path.GetDirectoryName(abandoned));
        var own = Path.Combine(temp, "mpo-worker", mpo.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(own, "checkpoints"));
        File.WriteAllText(Path.Combine(own, "checkpoints", "probe"), "x");
        var code = await mpo.TerminateAsync(TimeSpan.FromSeconds(40));

        // Assert
        Assert.Equal(0, code);
        Assert.False(abandonedAfterStart, "a dead worker's scratch folder must be deleted when a worker starts");
        Assert.False(Directory.Exists(own), "a worker that stops cleanly must delete its scratch folder");
        Assert.True(Directory.Exists(Path.Combine(temp, "mpo-worker")), "only per-process folders are deleted");
    }

    [Fact(Timeout = 120_000)]
    [Trait("Category", "Integration")]
    public async Task Run_NoStorageConfigured_StartsLocalAzuriteInDataDirAndStopsIt()
    {
        using var folder = new TempFolder();
        var dataDir = Path.Combine(folder.Path, "az");
        await using var mpo = MpoProcess.Start(
            folder.Path, new Dictionary<string, string>(), "worker", "--hub", TestNames.Unique("loc"), "--data-dir", dataDir);
        await mpo.WaitForOutputAsync("Press Ctrl-C to stop.", TimeSpan.FromSeconds(90));
        var state = File.ReadAllText(Path.Combine(dataDir, "azurite.json"));

        var code = await mpo.TerminateAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(0, code);
        Assert.Contains("Started Azurite", mpo.Output, StringComparison.Ordinal);
        Assert.Contains("(from local Azurite)", mpo.Output, StringComparison.Ordinal);
        Assert.Contains("ProcessId", state, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDir, "azurite.json")), "Azurite started by mpo must be stopped with it");
        Assert.True(Directory.EnumerateFiles(dataDir, "__azurite_db_queue__*").Any(), "Azurite keeps its data in --data-dir");
    }

    [Fact(Timeout = 120_000)]
    [Trait("Category", "Integration")]
    public async Task Run_AzuriteAlreadyServingDataDir_ReusesItAndLeavesItRunning()
    {
        using var folder = new TempFolder();
        var dataDir = Path.Combine(folder.Path, "az");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { DataFolder = dataDir });
        await using var mpo = MpoProcess.Start(
            folder.Path, new Dictionary<string, string>(), "worker", "--hub", TestNames.Unique("reuse"), "--data-dir", dataDir);
        await mpo.WaitForOutputAsync("Press Ctrl-C to stop.", TimeSpan.FromSeconds(60));

        var code = await mpo.TerminateAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(0, code);
        Assert.Contains($"Reusing Azurite (pid {azurite.ProcessId})", mpo.Output, StringComparison.Ordinal);
        Assert.True(AzuriteLauncher.Accepts(azurite.QueuePort), "a reused Azurite must keep running");
    }

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
