using Microsoft.DurableTask;
using Mpo.Core.Pipeline;

namespace Mpo.Orchestrations;

/// <summary>
/// Typed calls of the pipeline's activities, each with the run's durable retry policy for that activity kind
/// (retries are durable timers, so they survive a worker restart).
/// </summary>
internal static class PipelineCalls
{
    public static Task<ShardOutput> GenerateRolloutsAsync(this TaskOrchestrationContext context, RunPlan plan, RolloutShardInput input) =>
        context.CallActivityAsync<ShardOutput>(TaskNames.GenerateRollouts, input, Retry(plan, TaskNames.GenerateRollouts));

    public static Task<ShardOutput> ScoreRolloutsAsync(this TaskOrchestrationContext context, RunPlan plan, ScoreShardInput input) =>
        context.CallActivityAsync<ShardOutput>(TaskNames.ScoreRollouts, input, Retry(plan, TaskNames.ScoreRollouts));

    public static Task<UpdatePolicyOutput> UpdatePolicyAsync(this TaskOrchestrationContext context, RunPlan plan, UpdatePolicyInput input) =>
        context.CallActivityAsync<UpdatePolicyOutput>(TaskNames.UpdatePolicy, input, Retry(plan, TaskNames.UpdatePolicy));

    public static Task<ReviseRubricOutput> ReviseRubricAsync(this TaskOrchestrationContext context, RunPlan plan, ReviseRubricInput input) =>
        context.CallActivityAsync<ReviseRubricOutput>(TaskNames.ReviseRubric, input, Retry(plan, TaskNames.ReviseRubric));

    public static Task<CheckpointRef> CommitCheckpointAsync(this TaskOrchestrationContext context, RunPlan plan, CommitCheckpointInput input) =>
        context.CallActivityAsync<CheckpointRef>(TaskNames.CommitCheckpoint, input, Retry(plan, TaskNames.CommitCheckpoint));

    public static Task<EvaluationResult> EvaluateAsync(this TaskOrchestrationContext context, EvaluationRequest input) =>
        context.CallActivityAsync<EvaluationResult>(TaskNames.Evaluate, input, Retry(null, TaskNames.Evaluate));

    public static Task<CheckpointRef?> LatestCheckpointAsync(this TaskOrchestrationContext context, string runId) =>
        context.CallActivityAsync<CheckpointRef?>(TaskNames.LatestCheckpoint, runId, Retry(null, TaskNames.LatestCheckpoint));

    public static Task<RunState?> RecoverCheckpointAsync(this TaskOrchestrationContext context, RunPlan plan, string runId) =>
        context.CallActivityAsync<RunState?>(TaskNames.RecoverCheckpoint, new RecoverCheckpointInput(runId, plan.StepsPerEpoch), Retry(plan, TaskNames.RecoverCheckpoint));

    /// <summary>Whether a failure is, or was caused by, a corrupted checkpoint: no retry of the same work can heal it.</summary>
    public static bool IsCheckpointCorruption(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == TaskNames.CheckpointCorruptedError)
            {
                return true;
            }
        }

        return false;
    }

    private static TaskOptions Retry(RunPlan? plan, string activity)
    {
        var r = plan?.RetryFor(activity) ?? new RetrySettings();
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            r.MaxAttempts,
            TimeSpan.FromSeconds(r.FirstRetrySeconds),
            r.BackoffCoefficient,
            TimeSpan.FromSeconds(r.MaxRetrySeconds)));
    }
}
