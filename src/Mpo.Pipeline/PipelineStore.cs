using System.Text;
using System.Text.Json;
using Mpo.Core;
using Mpo.Storage;
using Mpo.Storage.Sets;

namespace Mpo.Pipeline;

/// <summary>The run's blobs as the services use them: write-once JSON and JSON lines, with one set of serializer options so equal records give equal bytes.</summary>
public sealed class PipelineStore(ArtifactSetStore sets)
{
    private static readonly JsonSerializerOptions Line = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Document = new() { WriteIndented = true };

    /// <summary>Artifact sets (checkpoints, the base model).</summary>
    public ArtifactSetStore Sets { get; } = sets;

    /// <summary>The blobs.</summary>
    public BlobArtifactStore Blobs => Sets.Blobs;

    /// <summary>Whether a blob exists.</summary>
    public Task<bool> ExistsAsync(string path, CancellationToken ct) => Blobs.ExistsAsync(path, ct);

    /// <summary>Writes <paramref name="value"/> as indented JSON, write-once (identical bytes succeed, different ones conflict).</summary>
    public async Task<ArtifactRef> CreateJsonAsync<T>(string path, T value, CancellationToken ct) =>
        (await Blobs.CreateAsync(path, new BinaryData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Document) + "\n")), ct).ConfigureAwait(false)).Artifact;

    /// <summary>Writes <paramref name="value"/> as indented JSON, overwriting (for records that are not part of the training state, such as timings).</summary>
    public Task<ArtifactRef> PutJsonAsync<T>(string path, T value, CancellationToken ct) =>
        Blobs.PutAsync(path, new BinaryData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Document) + "\n")), ct);

    /// <summary>Reads a JSON blob.</summary>
    public async Task<T> ReadJsonAsync<T>(string path, CancellationToken ct)
    {
        var data = await Blobs.GetAsync(path, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize<T>(data.ToMemory().Span, Document)
            ?? throw new InvalidDataException($"{path}: empty JSON.");
    }

    /// <summary>Reads a JSON blob, or <c>default</c> when it does not exist.</summary>
    public async Task<T?> TryReadJsonAsync<T>(string path, CancellationToken ct)
        where T : class
    {
        try
        {
            return await ReadJsonAsync<T>(path, ct).ConfigureAwait(false);
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The bytes of JSON lines: one compact line per record, <c>\n</c>-terminated.</summary>
    public static byte[] ToJsonLines<T>(IEnumerable<T> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(JsonSerializer.Serialize(record, Line)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Writes JSON lines write-once.</summary>
    public async Task<ArtifactRef> CreateJsonLinesAsync<T>(string path, IEnumerable<T> records, CancellationToken ct) =>
        (await Blobs.CreateAsync(path, new BinaryData(ToJsonLines(records)), ct).ConfigureAwait(false)).Artifact;

    /// <summary>Reads JSON lines, checking the blob's SHA-256 when <paramref name="sha256"/> is given.</summary>
    /// <exception cref="InvalidDataException">The blob's bytes differ from the reference.</exception>
    public async Task<IReadOnlyList<T>> ReadJsonLinesAsync<T>(string path, string? sha256, CancellationToken ct)
    {
        var data = await Blobs.GetAsync(path, ct).ConfigureAwait(false);
        var bytes = data.ToMemory();
        if (sha256 is not null && Hashes.Sha256(bytes.Span) != sha256)
        {
            throw new InvalidDataException($"{path}: sha256 {Hashes.Sha256(bytes.Span)} differs from the referenced {sha256}; the blob changed after it was written.");
        }

        var records = new List<T>();
        foreach (var line in Encoding.UTF8.GetString(bytes.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            records.Add(JsonSerializer.Deserialize<T>(line, Line) ?? throw new InvalidDataException($"{path}: a null line."));
        }

        return records;
    }

    /// <summary>The SHA-256 and size of an existing blob.</summary>
    public async Task<ArtifactRef> RefOfAsync(string path, CancellationToken ct)
    {
        var data = await Blobs.GetAsync(path, ct).ConfigureAwait(false);
        return new ArtifactRef(path, Hashes.Sha256(data.ToMemory().Span));
    }

    /// <summary>Paths of the blobs under a prefix, in path order.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        var paths = new List<string>();
        await foreach (var blob in Blobs.ListAsync(prefix, ct).ConfigureAwait(false))
        {
            paths.Add(blob.Path);
        }

        return paths;
    }
}
