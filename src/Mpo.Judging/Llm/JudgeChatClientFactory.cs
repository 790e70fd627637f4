using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Mpo.Core;
using OpenAI;

namespace Mpo.Judging.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> of a judge endpoint: the <c>OpenAI</c> 2.x <c>ChatClient</c> pointed at the
/// endpoint's base URL, adapted by <c>Microsoft.Extensions.AI</c>. The SDK's own retries are switched off and its
/// network timeout widened, because the endpoint's Polly pipeline owns retries and timeouts (one retry layer).
/// </summary>
public static class JudgeChatClientFactory
{
    /// <summary>Sent when no key is configured: local vLLM/SGLang/Ollama servers accept any bearer token.</summary>
    public const string PlaceholderKey = "no-key";

    /// <summary>Creates the chat client. Throws <see cref="MpoInputException"/> when the key variable is unset.</summary>
    /// <param name="options">The endpoint.</param>
    /// <param name="httpClient">Optional HTTP client (e.g. a shared one); a default transport otherwise.</param>
    public static IChatClient Create(JudgeEndpointOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(30),
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var client = new OpenAIClient(new ApiKeyCredential(ReadApiKey(options)), clientOptions);
        return client.GetChatClient(options.Model).AsIChatClient();
    }

    /// <summary>The key from the variable named by <see cref="JudgeEndpointOptions.ApiKeyEnv"/>, or the placeholder.</summary>
    internal static string ReadApiKey(JudgeEndpointOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKeyEnv))
        {
            return PlaceholderKey;
        }

        var key = Environment.GetEnvironmentVariable(options.ApiKeyEnv);
        return string.IsNullOrWhiteSpace(key)
            ? throw new MpoInputException(
                $"judge '{options.Name}': field 'api_key_env': environment variable {options.ApiKeyEnv} is not set (it must hold the API key).")
            : key;
    }
}
