using System.Text;
using Mpo.Core.Pipeline;
using Mpo.Judging.Rubrics;

namespace Mpo.Pipeline.Services;

/// <summary>A run's rubric versions (<see cref="BlobLayout.Rubric"/>): write-once JSON records with lineage.</summary>
public sealed class RubricStore(PipelineStore store)
{
    /// <summary>Reads version <paramref name="version"/>.</summary>
    public async Task<RubricVersion> ReadAsync(string runId, int version, CancellationToken ct)
    {
        var path = BlobLayout.Rubric(runId, version);
        var data = await store.Blobs.GetAsync(path, ct).ConfigureAwait(false);
        return RubricVersion.FromJson(data.ToString(), path);
    }

    /// <summary>Writes a version write-once (an identical retry succeeds).</summary>
    public Task WriteAsync(string runId, RubricVersion version, CancellationToken ct) =>
        store.Blobs.CreateAsync(BlobLayout.Rubric(runId, version.Version), new BinaryData(Encoding.UTF8.GetBytes(version.ToJson() + "\n")), ct);

    /// <summary>Whether version <paramref name="version"/> exists.</summary>
    public Task<bool> ExistsAsync(string runId, int version, CancellationToken ct) => store.ExistsAsync(BlobLayout.Rubric(runId, version), ct);
}
