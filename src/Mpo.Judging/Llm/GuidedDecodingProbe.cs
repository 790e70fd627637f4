using System.Net.Http.Headers;
using System.Text.Json;

namespace Mpo.Judging.Llm;

/// <summary>
/// Resolves <see cref="GuidedDecoding.Auto"/> by asking the endpoint's <c>GET /v1/models</c> who owns the model:
/// vLLM answers <c>owned_by: "vllm"</c> and SGLang <c>"sglang"</c>; OpenAI, Azure OpenAI and Ollama answer
/// otherwise and get no extra request fields (OpenAI rejects unknown ones). A failed probe resolves to
/// <see cref="GuidedDecoding.None"/>: replies are still parsed defensively, so it costs accuracy, not correctness.
/// </summary>
public static class GuidedDecodingProbe
{
    /// <summary>The mode to use for <paramref name="options"/> (the configured one unless it is Auto).</summary>
    public static async Task<GuidedDecoding> ResolveAsync(
        JudgeEndpointOptions options, HttpClient httpClient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        if (options.GuidedDecoding != GuidedDecoding.Auto)
        {
            return options.GuidedDecoding;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, options.BaseUrl.TrimEnd('/') + "/models");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", JudgeChatClientFactory.ReadApiKey(options));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await httpClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return GuidedDecoding.None;
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            return FromModels(doc.RootElement, options.Model);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return GuidedDecoding.None;
        }
    }

    /// <summary>Maps a <c>/v1/models</c> listing to a mode (the served model's owner, else the first entry's).</summary>
    public static GuidedDecoding FromModels(JsonElement root, string model)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return GuidedDecoding.None;
        }

        string? owner = null;
        foreach (var entry in data.EnumerateArray())
        {
            var entryOwner = entry.TryGetProperty("owned_by", out var o) ? o.GetString() : null;
            owner ??= entryOwner;
            if (entry.TryGetProperty("id", out var id) && id.GetString() == model)
            {
                owner = entryOwner;
                break;
            }
        }

        return owner?.ToLowerInvariant() switch
        {
            "vllm" => GuidedDecoding.Vllm,
            "sglang" => GuidedDecoding.Sglang,
            _ => GuidedDecoding.None,
        };
    }
}
