namespace Mpo.Storage.Sets;

/// <summary>A file to commit into an artifact set: its path inside the set and where its bytes come from.</summary>
public sealed record ArtifactSetFile
{
    private ArtifactSetFile(string relativePath, BinaryData? content, string? localFile)
    {
        if (ArtifactSetPaths.FileProblem(relativePath) is { } problem)
        {
            throw new ArgumentException($"Set file path '{relativePath}' {problem}.", nameof(relativePath));
        }

        RelativePath = relativePath;
        Content = content;
        LocalFile = localFile;
    }

    /// <summary>Path inside the set, with <c>/</c> separators.</summary>
    public string RelativePath { get; }

    /// <summary>The bytes, when the file is in memory.</summary>
    public BinaryData? Content { get; }

    /// <summary>The local file, when the bytes are on disk (large files: uploaded in parallel blocks).</summary>
    public string? LocalFile { get; }

    /// <summary>A file whose bytes are in memory.</summary>
    public static ArtifactSetFile FromBytes(string relativePath, BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ArtifactSetFile(relativePath, content, null);
    }

    /// <summary>A file whose bytes are in a local file.</summary>
    public static ArtifactSetFile FromFile(string relativePath, string localFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFile);
        return new ArtifactSetFile(relativePath, null, localFile);
    }
}
