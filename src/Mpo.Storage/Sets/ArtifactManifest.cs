using System.Text.Json;

using Mpo.Core;

namespace Mpo.Storage.Sets;

/// <summary>
/// The manifest of a committed artifact set (<c>manifest.json</c>): every file's relative path, SHA-256 and
/// size, plus free metadata. Written last, so a set without one is not committed.
/// </summary>
/// <remarks>
/// The JSON is canonical (fixed field order, files sorted by path, metadata keys sorted, no timestamps or host
/// names), so equal contents give equal manifest bytes and an equal manifest SHA-256: a retried writer produces
/// the identical manifest, and the manifest's hash identifies the whole set.
/// </remarks>
public sealed record ArtifactManifest
{
    /// <summary>The value of the manifest's <c>format</c> field.</summary>
    public const string Format = "mpo-artifact-set";

    /// <summary>The manifest format version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Creates a manifest; files are sorted by path (ordinal) and must have unique, valid paths.</summary>
    /// <param name="files">The files of the set.</param>
    /// <param name="metadata">A JSON object (run, step, model arguments, ...); <c>null</c> for none.</param>
    public ArtifactManifest(IEnumerable<ArtifactManifestEntry> files, JsonElement? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = sorted[i];
            if (ArtifactSetPaths.FileProblem(f.Path) is { } problem)
            {
                throw new ArgumentException($"Manifest file path '{f.Path}' {problem}.", nameof(files));
            }

            if (i > 0 && sorted[i - 1].Path == f.Path)
            {
                throw new ArgumentException($"Manifest file path '{f.Path}' appears twice.", nameof(files));
            }

            if (!ArtifactRef.IsSha256Hex(f.Sha256) || f.Size < 0)
            {
                throw new ArgumentException(
                    $"Manifest file '{f.Path}': sha256 must be 64 lowercase hex digits and size non-negative.", nameof(files));
            }
        }

        var meta = metadata ?? EmptyObject;
        if (meta.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Manifest metadata must be a JSON object, not {meta.ValueKind}.", nameof(metadata));
        }

        Files = sorted;
        Metadata = meta.Clone();
    }

    /// <summary>The files, sorted by path (ordinal).</summary>
    public IReadOnlyList<ArtifactManifestEntry> Files { get; }

    /// <summary>The free metadata object (empty when none was given).</summary>
    public JsonElement Metadata { get; }

    /// <summary>Total size of the set's files in bytes.</summary>
    public long TotalSize => Files.Sum(f => f.Size);

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The canonical UTF-8 JSON bytes of this manifest (what <c>manifest.json</c> holds).</summary>
    public byte[] ToCanonicalJson() => ArtifactManifestJson.Write(this);

    /// <summary>Parses <c>manifest.json</c> bytes.</summary>
    /// <exception cref="FormatException">Not a valid manifest; the message names the field and problem.</exception>
    public static ArtifactManifest Parse(ReadOnlySpan<byte> json) => ArtifactManifestJson.Read(json);
}
