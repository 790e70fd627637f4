using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Judging.Bundled;
using Mpo.Judging.Tasks;
using Mpo.Pipeline.Data;
using Mpo.Pipeline.Policy;
using Mpo.Pipeline.Records;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>Evaluate</c>: greedy responses of a checkpoint's policy to the task's test prompts, measured with the task's
/// metric (<c>mini_qa</c>: the oracle's score, half content and half form; paper tasks: <see cref="TaskEvaluation"/>),
/// written to <see cref="BlobLayout.Evaluation"/>. Greedy decoding makes it deterministic; a re-run returns the blob.
/// </summary>
public sealed class EvaluationService(RunContexts runs, PipelineStore store, PolicyCache policies, PipelineOptions options)
{
    /// <summary>Evaluates (or returns the evaluation of) a checkpoint.</summary>
    public async Task<EvaluationResult> EvaluateAsync(EvaluationRequest request, CancellationToken ct = default)
    {
        var path = BlobLayout.Evaluation(request.RunId, request.Checkpoint.Step, request.Reason);
        if (await store.TryReadJsonAsync<EvaluationRecord>(path, ct).ConfigureAwait(false) is { } done)
        {
            return new EvaluationResult(request.RunId, done.Step, done.Metric, done.Value, path, done.Reason);
        }

        var run = await runs.GetAsync(request.RunId, ct).ConfigureAwait(false);
        var test = run.Data.Test;
        if (test.Count == 0)
        {
            throw new MpoInputException($"run '{request.RunId}': task {run.Data.Task.Name} has no test prompts (set task.test_file) to evaluate on.");
        }

        var responses = new List<RolloutRecord>();
        foreach (var chunk in test.Chunk(options.EvaluationBatchSize))
        {
            var rows = chunk.Select(e => (e.Id, e)).ToList();
            responses.AddRange(await policies.UseAsync(request.RunId, request.Checkpoint, run.Config.Policy.Device, run.Config.Threads,
                policy => RolloutSampler.Sample(policy, rows, run.Config.Rl.ResponseLength, 1.0, greedy: true, 0, ct), ct).ConfigureAwait(false));
        }

        var record = Measure(run.Data.Task, test, responses, request);
        await store.CreateJsonAsync(path, record, ct).ConfigureAwait(false);
        return new EvaluationResult(request.RunId, record.Step, record.Metric, record.Value, path, record.Reason);
    }

    private static EvaluationRecord Measure(TaskDefinition task, IReadOnlyList<PromptExample> test, IReadOnlyList<RolloutRecord> responses, EvaluationRequest request)
    {
        var pairs = test.Zip(responses).ToList();
        if (task.Name == MiniQaTask.Name)
        {
            var verdicts = pairs.Select(p => MiniQaOracle.Judge(p.First.MiniQa!, p.Second.Response, p.Second.Eos)).ToList();
            var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["score"] = verdicts.Average(v => v.Score),
                ["content"] = verdicts.Average(v => v.Content),
                ["form"] = verdicts.Average(v => v.WellFormed),
            };
            var rows = pairs.Zip(verdicts, (p, v) => new EvaluatedResponseRecord(p.First.Id, p.Second.Response, p.Second.Eos, v.Score)).ToList();
            return new EvaluationRecord(request.Checkpoint.Step, request.Checkpoint.ManifestSha256, request.Reason, task.Metric, values["score"], values, rows.Count, rows);
        }

        var result = TaskEvaluation.Evaluate(task, pairs.Select(p => new EvaluatedResponse(p.First.Example!, p.Second.Response)).ToList());
        double headline = result.Values.TryGetValue("accuracy", out var accuracy) ? accuracy
            : result.Values.TryGetValue("rougeL", out var rougeL) ? rougeL
            : result.Values.Values.First();
        var records = pairs.Select(p => new EvaluatedResponseRecord(p.First.Id, p.Second.Response, p.Second.Eos, null)).ToList();
        return new EvaluationRecord(request.Checkpoint.Step, request.Checkpoint.ManifestSha256, request.Reason, result.Metric, headline,
            new SortedDictionary<string, double>(result.Values.ToDictionary(), StringComparer.Ordinal), result.Count, records);
    }
}
