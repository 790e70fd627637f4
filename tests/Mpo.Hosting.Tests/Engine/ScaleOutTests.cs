using Microsoft.DurableTask.Client;
using Mpo.Hosting.Tests.Support;
using Mpo.TestSupport;
using Mpo.TestWorker;
using Mpo.TestWorker.Orchestrations;

namespace Mpo.Hosting.Tests.Engine;

/// <summary>Several worker processes on one task hub share its activities.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ScaleOutTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 120_000)]
    public async Task FanOut_TwoWorkerProcessesOnOneHub_BothRunActivities()
    {
        // Arrange: two slots on one machine, so two distinct worker ids.
        var hub = TestNames.Unique("scale");
        await using var client = TaskHubClient.Create(azurite.ConnectionString, hub);
        var starting = new[]
        {
            WorkerProcess.StartAsync(azurite.ConnectionString, hub, slot: 0),
            WorkerProcess.StartAsync(azurite.ConnectionString, hub, slot: 1),
        };
        var workers = await Task.WhenAll(starting);
        try
        {
            // Act: more parallel activities than one worker runs at once (2 each by default).
            var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(FanOutOrchestrator), new FanOutInput(Count: 8, DelayMs: 1500));
            var result = await client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90));

            // Assert
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            var pids = result.ReadOutputAs<int[]>()!;
            Assert.Equal(8, pids.Length);
            Assert.Equal(workers.Select(w => w.ProcessId).Order(), pids.Distinct().Order());
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }
}
