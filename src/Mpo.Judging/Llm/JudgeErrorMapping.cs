using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Mpo.Judging.Llm;

/// <summary>
/// The single seam where OpenAI SDK / transport exceptions become <see cref="JudgeCallException"/>. Transient:
/// 408, 429, 5xx and failures without a response (connection refused or reset); everything else (400, 401, 404, …)
/// is a configuration problem a retry cannot fix.
/// </summary>
public static class JudgeErrorMapping
{
    /// <summary>Maps <paramref name="exception"/>, or returns <c>null</c> when it is not a transport failure.</summary>
    public static JudgeCallException? Map(string endpoint, Exception exception)
    {
        switch (exception)
        {
            case JudgeCallException mapped:
                return mapped;
            case ClientResultException { Status: > 0 } http:
                var status = (HttpStatusCode)http.Status;
                var response = http.GetRawResponse();
                return new JudgeCallException(
                    endpoint, status, IsTransientStatus(http.Status), RetryAfter(response), $"HTTP {http.Status} {response?.ReasonPhrase}".TrimEnd(), exception);
            case ClientResultException noResponse:
                return new JudgeCallException(endpoint, null, true, null, $"no response ({Describe(noResponse.InnerException ?? noResponse)})", exception);
            case HttpRequestException or IOException:
                return new JudgeCallException(endpoint, null, true, null, $"no response ({Describe(exception)})", exception);
            case JsonException or FormatException:
                return new JudgeCallException(endpoint, null, true, null, $"malformed response body ({exception.GetType().Name})", exception);
            default:
                return null;
        }
    }

    /// <summary>Whether an HTTP status is worth retrying: 408, 429 and 5xx.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>
    /// Reads <c>retry-after-ms</c> (OpenAI, Azure) or <c>Retry-After</c> (seconds or an HTTP date) from a response.
    /// </summary>
    public static TimeSpan? RetryAfter(System.ClientModel.Primitives.PipelineResponse? response)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return response.Headers.TryGetValue("Retry-After", out var value) ? ParseRetryAfter(value, DateTimeOffset.UtcNow) : null;
    }

    /// <summary>Parses a <c>Retry-After</c> value: delta-seconds or an HTTP date relative to <paramref name="now"/>.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }

    private static string Describe(Exception e) => e.GetType().Name + (e is HttpRequestException { HttpRequestError: var kind } ? $": {kind}" : "");
}
