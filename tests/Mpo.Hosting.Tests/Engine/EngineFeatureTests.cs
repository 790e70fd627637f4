using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mpo.Hosting.Tests.Support;
using Mpo.TestSupport;
using Mpo.TestWorker;
using Mpo.TestWorker.Orchestrations;

namespace Mpo.Hosting.Tests.Engine;

/// <summary>
/// Engine features through a real worker process and the MPO client: retry policies, ContinueAsNew,
/// sub-orchestrations, external events, suspend/resume, terminate, queries and purge.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EngineFeatureTests(AzuriteFixture azurite, SharedWorkerFixture shared) : IClassFixture<SharedWorkerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact(Timeout = 90_000)]
    public async Task RetryPolicy_ActivityFailsTwice_SucceedsOnThirdAttempt()
    {
        var hub = await shared.StartAsync(azurite);
        var input = new FlakyInput(shared.Folder.Path, "twice", Failures: 2, MaxAttempts: 4);

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryOrchestrator), input);
        var result = await hub.WaitForCompletionAsync(id, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(3, File.ReadAllLines(Path.Combine(shared.Folder.Path, "twice.attempts")).Length);
    }

    [Fact(Timeout = 90_000)]
    public async Task RetryPolicy_MoreFailuresThanAttempts_FailsWithActivityFailureDetails()
    {
        var hub = await shared.StartAsync(azurite);
        var input = new FlakyInput(shared.Folder.Path, "always", Failures: 5, MaxAttempts: 2);

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryOrchestrator), input);
        var result = await hub.WaitForCompletionAsync(id, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.NotNull(result.FailureDetails);
        Assert.True(result.FailureDetails.IsCausedBy<TaskFailedException>(), result.FailureDetails.ToString());
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails.InnerFailure?.ErrorType);
        Assert.Equal("planned failure 2 of 5", result.FailureDetails.InnerFailure?.ErrorMessage);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(shared.Folder.Path, "always.attempts")).Length);
    }

    [Fact(Timeout = 90_000)]
    public async Task ContinueAsNew_CounterToFive_CompletesWithFiveAfterFiveGenerations()
    {
        var hub = await shared.StartAsync(azurite);

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, 5));
        var result = await hub.WaitForCompletionAsync(id, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.Equal(new CounterState(5, 5), result.ReadInputAs<CounterState>());
    }

    [Fact(Timeout = 90_000)]
    public async Task SubOrchestration_Child_SeesParentInstanceId()
    {
        var hub = await shared.StartAsync(azurite);
        var parentId = $"parent-{Guid.NewGuid():n}";

        await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ParentOrchestrator), input: null, new StartOrchestrationOptions(parentId));
        var result = await hub.WaitForCompletionAsync(parentId, Timeout);
        var child = await hub.Client.GetInstanceAsync($"{parentId}-child");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(parentId, result.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);
        Assert.Equal(nameof(ChildOrchestrator), child?.Name);
    }

    [Fact(Timeout = 90_000)]
    public async Task RaiseEvent_WaitingOrchestration_CompletesWithPayload()
    {
        var hub = await shared.StartAsync(azurite);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator));
        await hub.WaitUntilAsync(id, m => m.SerializedCustomStatus == "\"waiting\"", Timeout);

        await hub.Client.RaiseEventAsync(id, TestEvents.Approval, "by-test");
        var result = await hub.WaitForCompletionAsync(id, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("approved:by-test", result.ReadOutputAs<string>());
    }

    [Fact(Timeout = 90_000)]
    public async Task SuspendResume_Ticker_MakesNoProgressWhileSuspendedThenCompletes()
    {
        var hub = await shared.StartAsync(azurite);
        // 20 one-second ticks: enough margin that a loaded machine cannot finish the ticker before the suspend lands.
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TickerOrchestrator), 20);
        await hub.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, Timeout);

        await hub.Client.SuspendInstanceAsync(id, "test");
        var suspended = await hub.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, Timeout);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var later = await hub.Client.GetInstanceAsync(id);
        await hub.Client.ResumeInstanceAsync(id, "test");
        var result = await hub.WaitForCompletionAsync(id, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, later?.RuntimeStatus);
        Assert.Equal(suspended.SerializedCustomStatus, later?.SerializedCustomStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(20, result.ReadOutputAs<int>());
    }

    [Fact(Timeout = 90_000)]
    public async Task Terminate_RunningTicker_EndsTerminatedWithOutput()
    {
        var hub = await shared.StartAsync(azurite);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TickerOrchestrator), 600);
        await hub.Client.WaitForInstanceStartAsync(id);

        await hub.Client.TerminateInstanceAsync(id, "stopped by test");
        var result = await hub.WaitForCompletionAsync(id, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("stopped by test", result.ReadOutputAs<string>());
    }

    [Fact(Timeout = 90_000)]
    public async Task Query_ByPrefixAndStatus_ReturnsOnlyMatchingInstances()
    {
        var hub = await shared.StartAsync(azurite);
        var prefix = $"q{Guid.NewGuid():n}-";
        var waiting = new[] { $"{prefix}a", $"{prefix}b" };
        foreach (var id in waiting)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), null, new StartOrchestrationOptions(id));
        }

        var done = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CounterOrchestrator), new CounterState(0, 0), new StartOrchestrationOptions($"{prefix}c"));
        await hub.WaitForCompletionAsync(done, Timeout);
        foreach (var id in waiting)
        {
            await hub.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, Timeout);
        }

        var running = await ToListAsync(hub.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Running],
        }));
        var all = await ToListAsync(hub.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }));

        Assert.Equal(waiting, running.Select(m => m.InstanceId).Order());
        Assert.Equal([.. waiting, done], all.Select(m => m.InstanceId).Order());
        foreach (var id in waiting)
        {
            await hub.Client.TerminateInstanceAsync(id, "cleanup");
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Purge_CompletedInstance_RemovesItAndRefusesRunningOnes()
    {
        var hub = await shared.StartAsync(azurite);
        var done = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, 1));
        await hub.WaitForCompletionAsync(done, Timeout);
        var running = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator));
        await hub.Client.WaitForInstanceStartAsync(running);

        var purged = await hub.Client.PurgeInstanceAsync(done);
        var afterPurge = await hub.Client.GetInstanceAsync(done);
        await Assert.ThrowsAsync<InvalidOperationException>(() => hub.Client.PurgeInstanceAsync(running));
        await hub.Client.TerminateInstanceAsync(running, "cleanup");
        await hub.WaitForCompletionAsync(running, Timeout);
        var purgedByFilter = await hub.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(
            CreatedFrom: DateTimeOffset.UtcNow.AddHours(-1), Statuses: [OrchestrationRuntimeStatus.Terminated]));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(afterPurge);
        Assert.True(purgedByFilter.PurgedInstanceCount >= 1);
        Assert.Null(await hub.Client.GetInstanceAsync(running));
    }

    [Fact(Timeout = 90_000)]
    public async Task Schedule_InstanceIdStillRunning_ThrowsAlreadyExistsAndReusesIdOnceFinished()
    {
        var hub = await shared.StartAsync(azurite);
        var id = $"dup-{Guid.NewGuid():n}";
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), null, new StartOrchestrationOptions(id));
        await hub.Client.WaitForInstanceStartAsync(id);

        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(
            () => hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), null, new StartOrchestrationOptions(id)));
        await hub.Client.RaiseEventAsync(id, TestEvents.Approval, "first");
        await hub.WaitForCompletionAsync(id, Timeout);
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, 0), new StartOrchestrationOptions(id));
        var second = await hub.WaitUntilAsync(id, m => m.Name == nameof(CounterOrchestrator) && m.IsCompleted, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(0, second.ReadOutputAs<int>());
    }

    private static async Task<List<OrchestrationMetadata>> ToListAsync(AsyncPageable<OrchestrationMetadata> pages)
    {
        var list = new List<OrchestrationMetadata>();
        await foreach (var item in pages)
        {
            list.Add(item);
        }

        return list;
    }
}
