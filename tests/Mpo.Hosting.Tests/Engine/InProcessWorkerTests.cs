using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Hosting.Tests.Support;
using Mpo.Hosting.Worker;
using Mpo.Storage;
using Mpo.TestSupport;
using Mpo.TestWorker;
using Mpo.TestWorker.Orchestrations;

namespace Mpo.Hosting.Tests.Engine;

/// <summary>The DI API that <c>mpo</c> uses to host a worker and a client in its own process.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InProcessWorkerTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 90_000)]
    public async Task AddMpoDurableWorker_WithClient_RunsChainAndReportsUnknownOrchestrator()
    {
        // Arrange
        using var folder = new TempFolder();
        var options = new DurableHostOptions { HubName = TestNames.Unique("inproc"), WorkerSlot = 7 };
        var connection = StorageConnection.FromConnectionString(azurite.ConnectionString, "test");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging()
            .AddMpoDurableWorker(options, connection, TestTasks.Register)
            .AddMpoDurableClient(options, connection);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var worker = host.Services.GetServices<IHostedService>().OfType<MpoDurableTaskWorker>().Single();

        // Act
        var chain = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ChainOrchestrator), new ChainInput(folder.Path, 0, 0));
        var unknown = await client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var chainResult = await client.WaitForInstanceCompletionAsync(chain, getInputsAndOutputs: true, cts.Token);
        var unknownResult = await client.WaitForInstanceCompletionAsync(unknown, getInputsAndOutputs: true, cts.Token);
        var runningBeforeStop = worker.IsRunning;
        await host.StopAsync();

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Completed, chainResult.RuntimeStatus);
        Assert.Equal([10, 20, 30], chainResult.ReadOutputAs<int[]>()!);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, unknownResult.RuntimeStatus);
        Assert.Equal("OrchestratorTaskNotFound", unknownResult.FailureDetails?.ErrorType);
        Assert.Equal($"{Environment.MachineName}-7", worker.WorkerId);
        Assert.True(runningBeforeStop);
        Assert.False(worker.IsRunning);
    }
}
