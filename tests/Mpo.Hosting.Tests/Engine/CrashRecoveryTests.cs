using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Mpo.Hosting.Tests.Support;
using Mpo.TestSupport;
using Mpo.TestWorker;
using Mpo.TestWorker.Orchestrations;
using Xunit.Abstractions;

namespace Mpo.Hosting.Tests.Engine;

/// <summary>A worker process SIGKILLed mid-activity: the orchestration resumes after a restart.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Chain_WorkerKilledDuringActivity2_CompletesAfterRestartWithoutRerunningActivity1()
    {
        // Arrange
        using var folder = new TempFolder();
        var hub = TestNames.Unique("crash");
        var log = new StepLog(folder.Path);
        await using var client = TaskHubClient.Create(azurite.ConnectionString, hub);
        var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, slot: 0);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ChainOrchestrator), new ChainInput(folder.Path, SlowStep: 2, SlowDelayMs: 4000));

        // Act: SIGKILL while activity 2 runs, then restart the same slot.
        await log.WaitForAsync("started", 2, TimeSpan.FromSeconds(60));
        first.Kill();
        Assert.True(first.HasExited);
        await first.DisposeAsync();
        var restart = Stopwatch.StartNew();
        await using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, slot: 0);
        var result = await client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));
        output.WriteLine($"restart to completion: {restart.ElapsedMilliseconds} ms; log: {string.Join(" | ", log.Lines())}");

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal([10, 20, 30], result.ReadOutputAs<int[]>()!);
        Assert.Equal(1, log.Count("started", 1));
        Assert.Equal(1, log.Count("finished", 1));
        Assert.Equal(2, log.Count("started", 2));
        Assert.Equal(1, log.Count("finished", 2));
        Assert.Equal(1, log.Count("finished", 3));
        Assert.Equal([first.ProcessId, second.ProcessId], log.Pids("started", 2));
        Assert.Equal([second.ProcessId], log.Pids("finished", 3));
    }
}
