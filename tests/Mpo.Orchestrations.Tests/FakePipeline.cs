using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Mpo.Core.Pipeline;
using Mpo.Orchestrations;

namespace Mpo.Orchestrations.Tests;

/// <summary>
/// The pipeline's orchestrators with in-memory activities that log each call, on the in-process test host.
/// </summary>
internal sealed class FakePipeline
{
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Activity names to fail on their first call (to exercise durable retries).</summary>
    public HashSet<string> FailOnce { get; } = [];

    public int LatestStep { get; set; } = -1;

    private readonly ConcurrentDictionary<string, int> _failed = new();

    public static RunPlan Plan(int epochs = 2, int steps = 3, int shards = 2, int interval = 2, bool evolve = true, int evalEpochs = 0) =>
        new(epochs, steps, shards, interval, evolve, evalEpochs, null,
            new Dictionary<string, RetrySettings> { [TaskNames.UpdatePolicy] = new(3, 0.2, 1, 1) });

    public static RunState Start(string runId) =>
        new(runId, 0, 0, new CheckpointRef(0, $"runs/{runId}/checkpoints/000000/manifest.json", "h0"), 0, 0);

    public Task<DurableTaskTestHost> StartHostAsync() => DurableTaskTestHost.StartAsync(registry =>
    {
        registry.AddOrchestrator<TrainingRunOrchestrator>();
        registry.AddOrchestrator<EpochOrchestrator>();
        registry.AddOrchestrator<EvaluationOrchestrator>();
        registry.AddOrchestrator<EvaluationScheduleOrchestrator>();

        registry.AddActivityFunc<RolloutShardInput, ShardOutput>(TaskNames.GenerateRollouts, (_, i) =>
            Log(TaskNames.GenerateRollouts, $"{i.Step}/{i.Shard}@{i.DataCursor}",
                new ShardOutput(i.RunId, i.Step, i.Shard, $"r/{i.Step}/{i.Shard}", "h", 4, 2)));
        registry.AddActivityFunc<ScoreShardInput, ShardOutput>(TaskNames.ScoreRollouts, (_, i) =>
            Log(TaskNames.ScoreRollouts, $"{i.Step}/{i.Rollouts.Shard}v{i.RubricVersion}",
                i.Rollouts with { BlobPath = $"s/{i.Step}/{i.Rollouts.Shard}", PromptsConsumed = 0 }));
        registry.AddActivityFunc<UpdatePolicyInput, UpdatePolicyOutput>(TaskNames.UpdatePolicy, (_, i) =>
            Log(TaskNames.UpdatePolicy, $"{i.Step}<-{i.From.Step}", new UpdatePolicyOutput(i.RunId, i.Step, $"staging/{i.Step + 1}")));
        registry.AddActivityFunc<ReviseRubricInput, ReviseRubricOutput>(TaskNames.ReviseRubric, (_, i) =>
            Log(TaskNames.ReviseRubric, $"{i.FromStep}..{i.Step}v{i.RubricVersion}", new ReviseRubricOutput(i.RubricVersion + 1, true, null)));
        registry.AddActivityFunc<CommitCheckpointInput, CheckpointRef>(TaskNames.CommitCheckpoint, (_, i) =>
            Log(TaskNames.CommitCheckpoint, $"{i.Update.Step + 1}v{i.RubricVersion}@{i.DataCursor}",
                new CheckpointRef(i.Update.Step + 1, $"ck/{i.Update.Step + 1}/manifest.json", $"h{i.Update.Step + 1}")));
        registry.AddActivityFunc<EvaluationRequest, EvaluationResult>(TaskNames.Evaluate, (_, i) =>
            Log(TaskNames.Evaluate, $"{i.Checkpoint.Step}:{i.Reason}", new EvaluationResult(i.RunId, i.Checkpoint.Step, "oracle", 0.5, "e", i.Reason)));
        registry.AddActivityFunc<string, CheckpointRef?>(TaskNames.LatestCheckpoint, (_, runId) =>
            Log(TaskNames.LatestCheckpoint, runId, LatestStep < 0 ? null : new CheckpointRef(LatestStep, "m", "h")));
    });

    public string[] CallsOf(string activity) =>
        Calls.Where(c => c.StartsWith(activity + " ", StringComparison.Ordinal)).Select(c => c[(activity.Length + 1)..]).ToArray();

    private T Log<T>(string activity, string detail, T result)
    {
        if (FailOnce.Contains(activity) && _failed.TryAdd(activity, 1))
        {
            throw new InvalidOperationException($"{activity} fails once");
        }

        Calls.Enqueue($"{activity} {detail}");
        return result;
    }
}
