using Microsoft.DurableTask;
using Mpo.Core.Pipeline;

namespace Mpo.Orchestrations;

/// <summary>
/// One epoch: for each step, Rollout → Score (both fanned out over shards) → UpdatePolicy → ReviseRubric (every
/// <c>num_mpo_interval</c> updates) → Checkpoint commit. Returns the state after the epoch's last commit.
/// </summary>
[DurableTask(TaskNames.Epoch)]
public sealed class EpochOrchestrator : TaskOrchestrator<EpochInput, RunState>
{
    /// <inheritdoc />
    public override async Task<RunState> RunAsync(TaskOrchestrationContext context, EpochInput input)
    {
        var (plan, state) = (input.Plan, input.State);
        int lastStep = (state.Epoch + 1) * plan.StepsPerEpoch;
        while (state.Step < lastStep)
        {
            state = await RunStepAsync(context, plan, state);
        }

        return state;
    }

    private static async Task<RunState> RunStepAsync(TaskOrchestrationContext context, RunPlan plan, RunState state)
    {
        string run = state.RunId;
        int step = state.Step;

        // 1. Rollouts from checkpoint `step`, one shard per worker slot.
        var rollouts = await Task.WhenAll(Enumerable.Range(0, plan.RolloutShards).Select(shard =>
            context.GenerateRolloutsAsync(plan, new RolloutShardInput(run, step, shard, plan.RolloutShards, state.Checkpoint, state.DataCursor))));

        // 2. Scores with the rubric in force.
        var scores = await Task.WhenAll(rollouts.Select(r =>
            context.ScoreRolloutsAsync(plan, new ScoreShardInput(run, step, state.RubricVersion, r))));

        // 3. The policy update stages checkpoint step + 1.
        long nextCursor = state.DataCursor + rollouts.Sum(r => r.PromptsConsumed);
        var update = await context.UpdatePolicyAsync(plan, new UpdatePolicyInput(run, step, state.Checkpoint, rollouts, scores, state.RubricVersion, nextCursor));

        // 4. Every num_mpo_interval updates the meta-reward model revises the rubric from the rollouts since the last revision.
        int rubricVersion = state.RubricVersion;
        if (plan.EvolveRubric && plan.MpoInterval > 0 && (step + 1) % plan.MpoInterval == 0)
        {
            var revision = await context.ReviseRubricAsync(plan, new ReviseRubricInput(run, step + 1, rubricVersion, step + 1 - plan.MpoInterval));
            rubricVersion = revision.RubricVersion;
        }

        // 5. Commit: the manifest is written last, so the step exists only once complete.
        var checkpoint = await context.CommitCheckpointAsync(plan, new CommitCheckpointInput(run, update, rubricVersion, nextCursor));
        var next = state with { Step = step + 1, Checkpoint = checkpoint, RubricVersion = rubricVersion, DataCursor = nextCursor };
        context.SetCustomStatus(new TrainingProgress(next.Epoch, next.Step, plan.TotalSteps, next.RubricVersion, checkpoint));
        return next;
    }
}
