using Mpo.Core.Pipeline;
using Mpo.Training;
using Mpo.Training.Model;

namespace Mpo.Pipeline.Policy;

/// <summary>
/// The policy a worker keeps loaded between activities, keyed by the checkpoint manifest's SHA-256: consecutive
/// rollout shards (and evaluations) of the same checkpoint load it once. One policy at a time; loading another
/// replaces it. Generation runs one at a time on the cached module.
/// </summary>
public sealed class PolicyCache(LocalArtifacts local) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _key;
    private LoadedModel? _policy;

    /// <summary>How many times a policy was loaded (not served from the cache).</summary>
    public int Loads { get; private set; }

    /// <summary>Runs <paramref name="use"/> with the checkpoint's policy loaded, exclusively.</summary>
    public async Task<T> UseAsync<T>(string runId, CheckpointRef checkpoint, string device, int threads, Func<LoadedModel, T> use, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            TorchRuntime.Initialize(threads);
            var key = $"{runId}/{checkpoint.ManifestSha256}";
            if (_key != key || _policy is null)
            {
                _policy?.Dispose();
                _policy = null;
                _key = null;
                var baseFolder = await local.BaseModelAsync(runId, ct).ConfigureAwait(false);
                var folder = await local.CheckpointAsync(checkpoint, ct).ConfigureAwait(false);
                _policy = PolicyModels.LoadPolicy(baseFolder, folder, ModelDevice.Resolve(device));
                _key = key;
                Loads++;
            }

            return use(_policy);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _policy?.Dispose();
        _gate.Dispose();
    }
}
