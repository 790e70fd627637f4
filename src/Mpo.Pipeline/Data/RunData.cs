using Mpo.Core.Pipeline;
using Mpo.Judging.Bundled;
using Mpo.Judging.Embedded;
using Mpo.Judging.Tasks;
using Mpo.Pipeline.Config;

namespace Mpo.Pipeline.Data;

/// <summary>
/// A run's task and prompts as every worker sees them: <c>mini_qa</c>'s built-in split, or the run's copies of its
/// JSONL files (<see cref="BlobLayout.Data"/>) read with the task's loader. The training order is the file order;
/// step prompts are taken at the data cursor, wrapping around.
/// </summary>
public sealed record RunData(TaskDefinition Task, IReadOnlyList<PromptExample> Train, IReadOnlyList<PromptExample> Test)
{
    /// <summary>The training prompt at <paramref name="cursor"/> (wrapping around the data set).</summary>
    public PromptExample TrainAt(long cursor) => Train[(int)(cursor % Train.Count)];

    /// <summary>Loads the data of a run whose config is <paramref name="config"/>.</summary>
    public static async Task<RunData> LoadAsync(string runId, RunConfig config, PipelineStore store, string scratch, CancellationToken ct)
    {
        if (config.Task.Name == MiniQaTask.Name)
        {
            var train = MiniQaData.Train.Select((e, i) => MiniQa($"{MiniQaTask.Name}:train:{i}", e)).ToList();
            var test = MiniQaData.Test.Select((e, i) => MiniQa($"{MiniQaTask.Name}:test:{i}", e)).Take(config.Task.TestLimit ?? int.MaxValue).ToList();
            return new RunData(MiniQaTask.Definition, train, test);
        }

        var task = TaskCatalog.Get(config.Task.Name);
        var trainRows = await LoadSplitAsync(runId, "train", task, config, store, scratch, config.Task.TrainLimit, ct).ConfigureAwait(false);
        var testRows = config.Task.TestFile is null ? [] : await LoadSplitAsync(runId, "test", task, config, store, scratch, config.Task.TestLimit, ct).ConfigureAwait(false);
        if (trainRows.Count == 0)
        {
            throw new Mpo.Core.MpoInputException($"{config.Task.TrainFile}: no training rows.");
        }

        return new RunData(task, trainRows, testRows);
    }

    private static PromptExample MiniQa(string id, MiniQaExample e) =>
        new(id, e.Prompt, new Dictionary<string, string> { [SampleFields.Gold] = e.Gold, ["kind"] = e.Kind.ToString().ToLowerInvariant() }, null, e);

    private static async Task<IReadOnlyList<PromptExample>> LoadSplitAsync(
        string runId, string split, TaskDefinition task, RunConfig config, PipelineStore store, string scratch, int? limit, CancellationToken ct)
    {
        var folder = Path.Combine(scratch, $"{runId}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        var local = Path.Combine(folder, $"{split}.jsonl");
        try
        {
            await store.Blobs.DownloadToFileAsync(BlobLayout.Data(runId, split), local, ct).ConfigureAwait(false);
            var rows = TaskDataLoader.Load(task, local, new TaskLoadOptions(config.Task.SkipIneligible, limit)).Examples;
            // Ids name the run's copy, not this worker's scratch path, so every worker writes the same rollout bytes.
            return rows.Select(r => r with { Id = $"{split}.jsonl:{r.Id[(r.Id.LastIndexOf(':') + 1)..]}" })
                .Select(r => new PromptExample(r.Id, task.RenderPrompt(r.Fields), Fields(r), r, null)).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> Fields(TaskExample row)
    {
        var fields = new Dictionary<string, string>(row.Fields, StringComparer.Ordinal);
        if (row.Reference is { } gold && !fields.ContainsKey(SampleFields.Gold))
        {
            fields[SampleFields.Gold] = gold;
        }

        return fields;
    }
}
