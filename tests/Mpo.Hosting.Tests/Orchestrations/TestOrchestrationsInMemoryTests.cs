using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Mpo.TestSupport;
using Mpo.TestWorker;
using Mpo.TestWorker.Orchestrations;

namespace Mpo.Hosting.Tests.Orchestrations;

/// <summary>The test orchestrations on the SDK's in-memory test host: fast checks of their logic alone.</summary>
public sealed class TestOrchestrationsInMemoryTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _folder = new();
    private DurableTaskTestHost? _host;

    private DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync() => _host = await DurableTaskTestHost.StartAsync(TestTasks.Register);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact(Timeout = 30_000)]
    public async Task Chain_ThreeSteps_RunsEachStepOnceInOrder()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ChainOrchestrator), new ChainInput(_folder.Path, 2, 10));
        var result = await WaitAsync(id);

        Assert.Equal([10, 20, 30], result.ReadOutputAs<int[]>()!);
        var lines = File.ReadAllLines(Path.Combine(_folder.Path, TestEvents.StepLog)).Select(l => l.Split(' ')[0] + l.Split(' ')[1]);
        Assert.Equal(["started1", "finished1", "started2", "finished2", "started3", "finished3"], lines);
    }

    [Fact(Timeout = 30_000)]
    public async Task Retry_OneFailure_SucceedsOnSecondAttempt()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RetryOrchestrator), new FlakyInput(_folder.Path, "once", Failures: 1, MaxAttempts: 3));
        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(2, result.ReadOutputAs<int>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Retry_AttemptsExhausted_Fails()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RetryOrchestrator), new FlakyInput(_folder.Path, "never", Failures: 9, MaxAttempts: 2));
        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_folder.Path, "never.attempts")).Length);
    }

    [Fact(Timeout = 30_000)]
    public async Task Counter_TargetThree_ReturnsThree()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), new CounterState(0, 3));
        var result = await WaitAsync(id);

        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Parent_CallsChild_ChildReturnsParentId()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOrchestrator), null, new StartOrchestrationOptions("p1"));
        var result = await WaitAsync(id);

        Assert.Equal("p1", result.ReadOutputAs<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Child_StartedAlone_ReturnsNull()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ChildOrchestrator));
        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Null(result.ReadOutputAs<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Approval_EventRaised_ReturnsPayload()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator));
        await Client.WaitForInstanceStartAsync(id);

        await Client.RaiseEventAsync(id, TestEvents.Approval, "yes");
        var result = await WaitAsync(id);

        Assert.Equal("approved:yes", result.ReadOutputAs<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task FanOut_InOneProcess_ReturnsThisProcessIdForEachActivity()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestrator), new FanOutInput(3, 0));
        var result = await WaitAsync(id);

        Assert.Equal([Environment.ProcessId, Environment.ProcessId, Environment.ProcessId], result.ReadOutputAs<int[]>()!);
    }

    private async Task<OrchestrationMetadata> WaitAsync(string id)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }
}
