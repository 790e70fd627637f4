using System.Net;

namespace Mpo.Judging.Llm;

/// <summary>
/// A judge call failed at the transport level (HTTP status, connection, malformed body). The one exception type the
/// SDK's errors are mapped to (<see cref="JudgeErrorMapping"/>), so retry predicates and failure records see one
/// shape. Messages carry the endpoint name, status and cause, never the API key or request body.
/// </summary>
public sealed class JudgeCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">Endpoint name.</param>
    /// <param name="status">HTTP status, or <c>null</c> when no response arrived.</param>
    /// <param name="transient">Whether a retry may succeed (408, 429, 5xx, connection errors).</param>
    /// <param name="retryAfter">Delay the server asked for, if any.</param>
    /// <param name="cause">Short human-readable cause.</param>
    /// <param name="inner">The SDK's exception.</param>
    public JudgeCallException(string endpoint, HttpStatusCode? status, bool transient, TimeSpan? retryAfter, string cause, Exception? inner = null)
        : base($"judge '{endpoint}': {cause}", inner)
    {
        Endpoint = endpoint;
        Status = status;
        IsTransient = transient;
        RetryAfter = retryAfter;
    }

    /// <summary>Endpoint name.</summary>
    public string Endpoint { get; }

    /// <summary>HTTP status, or <c>null</c> when no response arrived.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Whether a retry may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>Delay the server asked for (<c>Retry-After</c> / <c>retry-after-ms</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; }
}
