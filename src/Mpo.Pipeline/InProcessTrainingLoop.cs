using System.Diagnostics;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Services;

namespace Mpo.Pipeline;

/// <summary>
/// The pipeline without the durable engine: the same services called in the same order as the <c>Epoch</c> and
/// <c>TrainingRun</c> orchestrators (rollout and score shards in parallel, update, revision every
/// <c>num_mpo_interval</c> updates, commit; an evaluation after every <c>evaluation.every_epochs</c> epochs). Used by
/// the tests and as the baseline of <c>mpo bench pipeline</c>.
/// </summary>
/// <remarks>
/// A checkpoint found corrupted while the loop runs is handled as <c>mpo train</c> handles it on resume:
/// <see cref="CheckpointRecovery"/> sets it aside and the loop continues from the previous committed step.
/// </remarks>
public sealed class InProcessTrainingLoop(
    RolloutService rollouts,
    ScoringService scoring,
    PolicyUpdateService updates,
    RubricRevisionService revisions,
    CheckpointCommitService commits,
    EvaluationService evaluations,
    CheckpointRecovery recovery)
{
    /// <summary>Total milliseconds spent in each activity kind by this loop (for the pipeline benchmark).</summary>
    public Dictionary<string, double> ActivityMilliseconds { get; } = new(StringComparer.Ordinal);

    /// <summary>Evaluations the loop ran.</summary>
    public List<EvaluationResult> Evaluations { get; } = [];

    /// <summary>Recoveries from a corrupted checkpoint.</summary>
    public int Recoveries { get; private set; }

    /// <summary>Runs from <paramref name="state"/> until <paramref name="untilStep"/> updates (default: the plan's total) and returns the final state.</summary>
    public async Task<RunState> RunAsync(RunPlan plan, RunState state, int? untilStep = null, CancellationToken ct = default)
    {
        int last = Math.Min(untilStep ?? plan.TotalSteps, plan.TotalSteps);
        while (state.Step < last)
        {
            try
            {
                state = await StepAsync(plan, state, ct).ConfigureAwait(false);
            }
            catch (CheckpointCorruptedException) when (Recoveries < 3)
            {
                Recoveries++;
                state = await recovery.ResumeStateAsync(state.RunId, plan.StepsPerEpoch, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"run '{state.RunId}': no committed checkpoint verifies; it cannot resume.");
                continue;
            }

            if (state.Step == (state.Epoch + 1) * plan.StepsPerEpoch)
            {
                if (plan.EvaluateEveryEpochs > 0 && (state.Epoch + 1) % plan.EvaluateEveryEpochs == 0)
                {
                    Evaluations.Add(await Timed(TaskNames.Evaluate, () => evaluations.EvaluateAsync(new EvaluationRequest(state.RunId, state.Checkpoint, "epoch"), ct)).ConfigureAwait(false));
                }

                state = state with { Epoch = state.Epoch + 1 };
            }
        }

        return state;
    }

    /// <summary>One step, exactly as <c>EpochOrchestrator.RunStepAsync</c>.</summary>
    public async Task<RunState> StepAsync(RunPlan plan, RunState state, CancellationToken ct = default)
    {
        string run = state.RunId;
        int step = state.Step;

        // 1. Rollouts from checkpoint `step`, one shard per worker slot.
        var shards = await Timed(TaskNames.GenerateRollouts, () => Task.WhenAll(Enumerable.Range(0, plan.RolloutShards).Select(shard =>
            rollouts.GenerateAsync(new RolloutShardInput(run, step, shard, plan.RolloutShards, state.Checkpoint, state.DataCursor), ct)))).ConfigureAwait(false);

        // 2. Scores with the rubric in force.
        var scores = await Timed(TaskNames.ScoreRollouts, () => Task.WhenAll(shards.Select(r =>
            scoring.ScoreAsync(new ScoreShardInput(run, step, state.RubricVersion, r), ct)))).ConfigureAwait(false);

        // 3. The policy update stages checkpoint step + 1.
        long nextCursor = state.DataCursor + shards.Sum(r => r.PromptsConsumed);
        var update = await Timed(TaskNames.UpdatePolicy, () => updates.UpdateAsync(
            new UpdatePolicyInput(run, step, state.Checkpoint, shards, scores, state.RubricVersion, nextCursor), ct)).ConfigureAwait(false);

        // 4. Every num_mpo_interval updates the meta-reward model revises the rubric.
        int rubricVersion = state.RubricVersion;
        if (plan.EvolveRubric && plan.MpoInterval > 0 && (step + 1) % plan.MpoInterval == 0)
        {
            var revision = await Timed(TaskNames.ReviseRubric, () => revisions.ReviseAsync(
                new ReviseRubricInput(run, step + 1, rubricVersion, step + 1 - plan.MpoInterval), ct)).ConfigureAwait(false);
            rubricVersion = revision.RubricVersion;
        }

        // 5. Commit: the manifest is written last.
        var checkpoint = await Timed(TaskNames.CommitCheckpoint, () => commits.CommitAsync(new CommitCheckpointInput(run, update, rubricVersion, nextCursor), ct)).ConfigureAwait(false);
        return state with { Step = step + 1, Checkpoint = checkpoint, RubricVersion = rubricVersion, DataCursor = nextCursor };
    }

    private async Task<T> Timed<T>(string activity, Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        var result = await call().ConfigureAwait(false);
        ActivityMilliseconds[activity] = ActivityMilliseconds.GetValueOrDefault(activity) + clock.Elapsed.TotalMilliseconds;
        return result;
    }
}
