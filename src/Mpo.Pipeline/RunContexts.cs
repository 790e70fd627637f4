using System.Collections.Concurrent;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Data;

namespace Mpo.Pipeline;

/// <summary>What a worker knows about a run: its stored config and data, read once from storage and kept.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Config">The config stored with the run.</param>
/// <param name="Data">The task and prompts.</param>
public sealed record RunContext(string RunId, RunConfig Config, RunData Data);

/// <summary>Loads <see cref="RunContext"/>s from storage (the config blob is the only input besides the activity record) and caches them per run.</summary>
public sealed class RunContexts(PipelineStore store, PipelineOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RunContext>>> _runs = new(StringComparer.Ordinal);

    /// <summary>The run's context.</summary>
    public Task<RunContext> GetAsync(string runId, CancellationToken ct)
    {
        var lazy = _runs.GetOrAdd(runId, id => new Lazy<Task<RunContext>>(() => LoadAsync(id, CancellationToken.None)));
        return lazy.Value.WaitAsync(ct);
    }

    /// <summary>Forgets a run (after a failed load, so the next call retries).</summary>
    public void Forget(string runId) => _runs.TryRemove(runId, out _);

    private async Task<RunContext> LoadAsync(string runId, CancellationToken ct)
    {
        try
        {
            var bytes = await store.Blobs.GetAsync(BlobLayout.Config(runId), ct).ConfigureAwait(false);
            var config = RunConfigReader.Parse(bytes.ToString(), BlobLayout.Config(runId));
            var data = await RunData.LoadAsync(runId, config, store, Path.Combine(options.WorkDirectory, "data"), ct).ConfigureAwait(false);
            return new RunContext(runId, config, data);
        }
        catch
        {
            Forget(runId);
            throw;
        }
    }
}
