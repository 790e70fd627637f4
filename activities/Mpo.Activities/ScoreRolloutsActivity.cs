using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Scores one rollout shard with the reward model (<see cref="ScoringService"/>).</summary>
[DurableTask(TaskNames.ScoreRollouts)]
public sealed class ScoreRolloutsActivity(ScoringService service) : TaskActivity<ScoreShardInput, ShardOutput>
{
    /// <inheritdoc />
    public override Task<ShardOutput> RunAsync(TaskActivityContext context, ScoreShardInput input) => service.ScoreAsync(input);
}
