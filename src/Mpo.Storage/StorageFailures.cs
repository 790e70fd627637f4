using Azure;
using Azure.Identity;

namespace Mpo.Storage;

/// <summary>
/// The one seam that turns Azure SDK failures into <see cref="ArtifactStorageException"/>s. Messages are built
/// from the status and error code only: the SDK's own message is not copied, so nothing from the request
/// (URL query, headers) reaches a log.
/// </summary>
internal static class StorageFailures
{
    public static async Task<T> Guard<T>(string operation, string container, string path, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, operation, container, path) is { } mapped)
        {
            throw mapped;
        }
    }

    public static async Task Guard(string operation, string container, string path, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, operation, container, path) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>The mapped exception, or <c>null</c> for exceptions that are not storage failures (cancellation, bugs).</summary>
    public static ArtifactStorageException? Map(Exception e, string operation, string container, string path)
    {
        var where = path.Length == 0 ? $"container '{container}'" : $"'{container}/{path}'";
        switch (e)
        {
            case RequestFailedException { Status: 404 } r when r.ErrorCode is "BlobNotFound" or null:
                return new ArtifactNotFoundException($"Storage {operation} failed: {where} does not exist.", path, r);
            case RequestFailedException { Status: 404, ErrorCode: "ContainerNotFound" } r:
                return new ArtifactStorageException(
                    $"Storage {operation} failed for {where}: container '{container}' does not exist " +
                    "(create it, or allow the store to create it).", path, 404, r.ErrorCode, r);
            case RequestFailedException { Status: 0 } r:
                return Unreachable(operation, where, path, r);
            case RequestFailedException r:
                return new ArtifactStorageException(
                    $"Storage {operation} failed for {where}: HTTP {r.Status} {r.ErrorCode ?? "(no error code)"}{Hint(r.Status)}.",
                    path, r.Status, r.ErrorCode, r);
            case AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(x => x is RequestFailedException):
                // Azure.Core throws this when every try failed without a response (connection refused, DNS, TLS).
                return Unreachable(operation, where, path, (RequestFailedException)a.InnerExceptions[^1], a.InnerExceptions.Count);
            case AuthenticationFailedException auth:
                return new ArtifactStorageException(
                    $"Storage {operation} failed for {where}: no token from the credential " +
                    $"({FirstLine(auth.Message)}). Sign in (az login) or configure a managed identity.", path, 401, null, auth);
            default:
                return null;
        }
    }

    private static ArtifactStorageException Unreachable(string operation, string where, string path, RequestFailedException r, int tries = 1)
    {
        var cause = r.InnerException?.Message ?? "no response";
        var attempts = tries > 1 ? $" after {tries} tries" : "";
        return new ArtifactStorageException(
            $"Storage {operation} failed for {where}: the blob endpoint could not be reached{attempts} ({FirstLine(cause)}).",
            path, 0, null, r);
    }

    private static string Hint(int status) => status switch
    {
        401 or 403 => " (check the account key or SAS, or the identity's role, e.g. Storage Blob Data Contributor)",
        409 => " (the blob or container is in a conflicting state)",
        412 => " (a condition on the request was not met)",
        _ => "",
    };

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
