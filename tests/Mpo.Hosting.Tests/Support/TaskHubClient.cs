using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Hosting.Configuration;
using Mpo.Storage;

namespace Mpo.Hosting.Tests.Support;

/// <summary>An external client on a task hub, built the way the CLI builds it (<c>AddMpoDurableClient</c>).</summary>
public sealed class TaskHubClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TaskHubClient(ServiceProvider services)
    {
        _services = services;
        Client = services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The client.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Creates a client for <paramref name="hub"/>.</summary>
    public static TaskHubClient Create(string connectionString, string hub)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMpoDurableClient(new DurableHostOptions { HubName = hub }, StorageConnection.FromConnectionString(connectionString, "test"))
            .BuildServiceProvider();
        return new TaskHubClient(services);
    }

    /// <summary>Waits for completion with a timeout that fails the test with the instance id.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new TimeoutException($"{instanceId} did not complete within {timeout.TotalSeconds} s; status {state?.RuntimeStatus}");
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance, or fails after the timeout.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(
        string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (state is not null && condition(state))
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId}: condition not met within {timeout.TotalSeconds} s; status {state?.RuntimeStatus}");
            }

            await Task.Delay(200);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
