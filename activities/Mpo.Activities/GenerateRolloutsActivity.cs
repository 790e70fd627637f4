using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Samples one rollout shard (<see cref="RolloutService"/>).</summary>
[DurableTask(TaskNames.GenerateRollouts)]
public sealed class GenerateRolloutsActivity(RolloutService service) : TaskActivity<RolloutShardInput, ShardOutput>
{
    /// <inheritdoc />
    public override Task<ShardOutput> RunAsync(TaskActivityContext context, RolloutShardInput input) => service.GenerateAsync(input);
}
