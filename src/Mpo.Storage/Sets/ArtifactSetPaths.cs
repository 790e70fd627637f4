namespace Mpo.Storage.Sets;

/// <summary>Naming rules of artifact sets: the manifest's blob name, and valid set and file paths.</summary>
public static class ArtifactSetPaths
{
    /// <summary>The manifest's file name inside the set folder; reserved, no set file may use it.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The manifest blob path of the set at <paramref name="setPath"/>.</summary>
    public static string ManifestPath(string setPath) => $"{NormalizeSetPath(setPath)}/{ManifestFileName}";

    /// <summary>The blob path of a file of the set.</summary>
    public static string FilePath(string setPath, string relativePath) => $"{NormalizeSetPath(setPath)}/{relativePath}";

    /// <summary>The set path without a trailing <c>/</c>, checked against the blob path rules.</summary>
    public static string NormalizeSetPath(string setPath)
    {
        ArgumentNullException.ThrowIfNull(setPath);
        var trimmed = setPath.TrimEnd('/');
        return BlobPaths.Check(trimmed, nameof(setPath));
    }

    /// <summary>Why a relative file path is not allowed in a set, or <c>null</c> when it is.</summary>
    internal static string? FileProblem(string? relativePath) =>
        relativePath is null ? "is missing"
        : relativePath == ManifestFileName ? $"is reserved for the set's manifest"
        : BlobPaths.Problem(relativePath);
}
