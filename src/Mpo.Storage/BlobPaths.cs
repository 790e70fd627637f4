namespace Mpo.Storage;

/// <summary>
/// Rules for blob paths: forward slashes, no leading or trailing slash, no empty, <c>.</c> or <c>..</c> segments,
/// no backslashes or control characters. The same rules keep set files inside their folder when downloaded.
/// </summary>
internal static class BlobPaths
{
    public const int MaxLength = 1024;

    public static string? Problem(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "is empty";
        }

        if (path.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        if (path.Contains('\\') || path.Any(char.IsControl))
        {
            return "contains a backslash or a control character";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return "must be segments separated by single '/' (no leading or trailing '/', no '.' or '..')";
            }
        }

        return null;
    }

    public static string Check(string path, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        return Problem(path) is { } problem
            ? throw new ArgumentException($"Blob path '{path}' {problem}.", parameterName)
            : path;
    }
}
