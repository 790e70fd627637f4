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
        output.WriteLine($"restart to completion: {restart.ElapsedMilliseconds} ms; " +
                         $"hop activity 2 end -> activity 3 start: {log.LastTime("started", 3) - log.LastTime("finished", 2)} ms; " +
                         $"log: {string.Join(" | ", log.Lines())}");

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

    [Fact(Timeout = 120_000)]
    public async Task Restart_SameSlotAfterKill_ReclaimsPartitionsWithoutWaitingForLeaseExpiry()
    {
        // Arrange: a worker that owns all partitions dies; work arrives while no worker runs.
        var hub = TestNames.Unique("lease");
        await using var client = TaskHubClient.Create(azurite.ConnectionString, hub);
        var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, slot: 0);
        var warmUp = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, 0));
        await client.WaitForCompletionAsync(warmUp, TimeSpan.FromSeconds(60));
        first.Kill();
        await first.DisposeAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, 0)));
        }

        // Act: the same slot means the same WorkerId, so the leases it held are its own to take back.
        await using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, slot: 0);
        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            await client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));
        }

        // Assert: well under the 30 s partition lease a new WorkerId would wait out.
        output.WriteLine($"ready to 4 instances completed after restart: {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
