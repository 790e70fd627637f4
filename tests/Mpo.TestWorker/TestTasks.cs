using Microsoft.DurableTask;
using Mpo.TestWorker.Activities;
using Mpo.TestWorker.Orchestrations;

namespace Mpo.TestWorker;

/// <summary>Every test orchestration and activity; the worker process and the in-memory tests register the same.</summary>
public static class TestTasks
{
    /// <summary>Adds all test tasks to a registry.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<ChainOrchestrator>()
            .AddOrchestrator<RetryOrchestrator>()
            .AddOrchestrator<CounterOrchestrator>()
            .AddOrchestrator<ParentOrchestrator>()
            .AddOrchestrator<ChildOrchestrator>()
            .AddOrchestrator<ApprovalOrchestrator>()
            .AddOrchestrator<TickerOrchestrator>()
            .AddOrchestrator<FanOutOrchestrator>()
            .AddActivity<RecordStepActivity>()
            .AddActivity<FlakyActivity>()
            .AddActivity<WhoAmIActivity>();
    }
}
