using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mpo.Core;

namespace Mpo.Training.Checkpointing;

/// <summary>One file of a checkpoint: path relative to the checkpoint folder ('/'-separated), SHA-256 (lower hex), size.</summary>
public sealed record ManifestEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size);

/// <summary>
/// <c>manifest.json</c>: the list of a checkpoint's files, written last (atomically, by rename), so a checkpoint
/// exists only once complete. Canonical: files sorted by path, no timestamps or host names; the same files give
/// the same manifest bytes.
/// </summary>
public sealed record CheckpointManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("update")] int Update,
    [property: JsonPropertyName("files")] IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format tag of this version.</summary>
    public const string CurrentFormat = "mpo-checkpoint/1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Whether <paramref name="directory"/> holds a committed checkpoint (its manifest exists).</summary>
    public static bool IsCommitted(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Hashes every file under <paramref name="directory"/> (except a manifest) and writes the manifest last.</summary>
    public static CheckpointManifest Commit(string directory, int update)
    {
        var entries = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(p => p != FileName && !p.EndsWith(".tmp", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => Describe(directory, p))
            .ToList();
        var manifest = new CheckpointManifest(CurrentFormat, update, entries);
        string temp = Path.Combine(directory, FileName + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest, Json) + "\n");
        File.Move(temp, Path.Combine(directory, FileName), overwrite: false);
        return manifest;
    }

    /// <summary>Reads the manifest and checks every listed file's size and SHA-256.</summary>
    /// <exception cref="MpoInputException">No manifest, an unknown format, or a missing or altered file (named).</exception>
    public static CheckpointManifest Verify(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new MpoInputException($"{path}: no manifest; the checkpoint is incomplete or not a checkpoint.");
        }

        var manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path))
            ?? throw new MpoInputException($"{path}: empty manifest.");
        if (manifest.Format != CurrentFormat)
        {
            throw new MpoInputException($"{path}: field 'format' is '{manifest.Format}', expected '{CurrentFormat}'.");
        }

        foreach (var entry in manifest.Files)
        {
            string file = Path.Combine(directory, entry.Path);
            if (!File.Exists(file))
            {
                throw new MpoInputException($"{path}: listed file '{entry.Path}' is missing.");
            }

            var actual = Describe(directory, entry.Path);
            if (actual != entry)
            {
                throw new MpoInputException($"{path}: file '{entry.Path}' has size {actual.Size} and sha256 {actual.Sha256}, expected {entry.Size} and {entry.Sha256}.");
            }
        }

        return manifest;
    }

    private static ManifestEntry Describe(string directory, string relative)
    {
        using var stream = File.OpenRead(Path.Combine(directory, relative));
        string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ManifestEntry(relative, sha, stream.Length);
    }
}
