using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Dtfx = DurableTask.Core;

namespace Mpo.Hosting.Client;

/// <summary>Status queries, waits and purges.</summary>
public sealed partial class MpoDurableTaskClient
{
    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs)
            .ConfigureAwait(false);
        if (states is not { Count: > 0 })
        {
            return null;
        }

        var failure = states[0].OrchestrationStatus == Dtfx.OrchestrationStatus.Failed
            ? await ReadFailureAsync(states[0]).ConfigureAwait(false)
            : null;
        return ToMetadata(states[0], getInputsAndOutputs, failure);
    }

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(Microsoft.DurableTask.Client.OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new Dtfx.Query.OrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? Microsoft.DurableTask.Client.OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
                ExcludeEntities = true,
            };
            OrchestrationQueryResult result = await _service.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            var items = result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(items, result.ContinuationToken);
        });

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <inheritdoc />
    public override async Task<Microsoft.DurableTask.Client.PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (metadata is null)
        {
            return new Microsoft.DurableTask.Client.PurgeResult(0);
        }

        if (!metadata.IsCompleted)
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {metadata.RuntimeStatus}; only finished instances can be purged.");
        }

        var result = await ((IOrchestrationServicePurgeClient)_service).PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new Microsoft.DurableTask.Client.PurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc />
    public override async Task<Microsoft.DurableTask.Client.PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(s => s.ToCore()));
        var result = await ((IOrchestrationServicePurgeClient)_service).PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new Microsoft.DurableTask.Client.PurgeResult(result.DeletedInstanceCount);
    }

    private async Task<OrchestrationMetadata> WaitUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(PollingInterval, cancellation).ConfigureAwait(false);
        }
    }

    private async Task<TaskFailureDetails> ReadFailureAsync(OrchestrationState state)
    {
        var history = await _service.GetOrchestrationHistoryAsync(
            state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false);
        return FailureDetailsReader.FromHistory(history) ?? FailureDetailsReader.FromOutput(state.Output);
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withData, TaskFailureDetails? failure = null) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = withData ? _converter : null,
            RuntimeStatus = state.OrchestrationStatus.ToSdk(),
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = withData ? state.Input : null,
            SerializedOutput = withData ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = failure ?? state.FailureDetails.ToSdk()
                ?? (state.OrchestrationStatus == Dtfx.OrchestrationStatus.Failed ? FailureDetailsReader.FromOutput(state.Output) : null),
        };
}
