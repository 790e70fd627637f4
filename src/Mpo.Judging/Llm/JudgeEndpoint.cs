using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Judging.Resilience;
using OpenAI.Chat;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Mpo.Judging.Llm;

/// <summary>
/// A ready judge endpoint: its chat client, its named resilience pipeline and its resolved guided-decoding mode.
/// Every judge generation goes through <see cref="CompleteAsync"/>; any failure that survives the pipeline comes out
/// as a <see cref="JudgeCallException"/> with a cause fit for a failure record.
/// </summary>
public sealed class JudgeEndpoint
{
    private readonly IChatClient _chat;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    /// <summary>Creates the endpoint from parts (use <see cref="CreateAsync"/> to build them from options).</summary>
    public JudgeEndpoint(JudgeEndpointOptions options, IChatClient chat, ResiliencePipeline pipeline, GuidedDecoding guided, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(pipeline);
        Options = options;
        Guided = guided == GuidedDecoding.Auto ? GuidedDecoding.None : guided;
        _chat = chat;
        _pipeline = pipeline;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The endpoint's options.</summary>
    public JudgeEndpointOptions Options { get; }

    /// <summary>The guided-decoding mode in use (never Auto).</summary>
    public GuidedDecoding Guided { get; }

    /// <summary>
    /// Validates the options, reads the key from its variable, resolves Auto guided decoding and takes the endpoint's
    /// pipeline from <paramref name="pipelines"/>.
    /// </summary>
    /// <param name="options">The endpoint.</param>
    /// <param name="pipelines">The process's named pipelines.</param>
    /// <param name="httpClient">
    /// A shared client whose own <see cref="HttpClient.Timeout"/> is at least <see cref="JudgeEndpointOptions.Timeout"/>
    /// (the pipeline times attempts out); <c>null</c> for one without a timeout of its own.
    /// </param>
    /// <param name="logger">Logger, or <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the guided-decoding probe.</param>
    public static async Task<JudgeEndpoint> CreateAsync(
        JudgeEndpointOptions options, JudgePipelines pipelines, HttpClient? httpClient = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        options.Validate($"judge '{options.Name}'");
        httpClient ??= new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        if (httpClient.Timeout != System.Threading.Timeout.InfiniteTimeSpan && httpClient.Timeout < options.Timeout)
        {
            throw new ArgumentException($"The HTTP client's timeout ({httpClient.Timeout}) is shorter than the judge timeout ({options.Timeout}).", nameof(httpClient));
        }

        var chat = JudgeChatClientFactory.Create(options, httpClient);
        var guided = await GuidedDecodingProbe.ResolveAsync(options, httpClient, cancellationToken).ConfigureAwait(false);
        var endpoint = new JudgeEndpoint(options, chat, pipelines.For(options), guided, logger);
        LlmJudgeLogs.EndpointReady(endpoint._logger, options.Name, options.BaseUrl, options.Model, endpoint.Guided);
        return endpoint;
    }

    /// <summary>Runs one generation over the conversation so far and returns the reply text.</summary>
    /// <exception cref="JudgeCallException">The call failed after retries (or was not retryable).</exception>
    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, JudgeTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(turn);
        var chatOptions = ChatOptionsFor(turn);
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        return await _chat.GetResponseAsync(messages, chatOptions, token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException && JudgeErrorMapping.Map(Options.Name, e) is { } mapped)
                    {
                        throw mapped;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return response.Text ?? "";
        }
        catch (Exception e) when (Final(e) is { } failure)
        {
            LlmJudgeLogs.CallFailed(_logger, turn.Kind, Options.Name, failure.Message);
            throw failure;
        }
    }

    private JudgeCallException? Final(Exception e) => e switch
    {
        JudgeCallException mapped => mapped,
        TimeoutRejectedException => new JudgeCallException(Options.Name, null, true, null, $"timed out after {Options.Timeout.TotalSeconds:0.###} s (after retries)", e),
        BrokenCircuitException => new JudgeCallException(Options.Name, null, true, null, "circuit open: the endpoint failed repeatedly, calls are paused", e),
        RateLimiterRejectedException => new JudgeCallException(Options.Name, null, true, null, "concurrency queue full", e),
        _ => null,
    };

    private ChatOptions ChatOptionsFor(JudgeTurn turn)
    {
        var chatOptions = new ChatOptions
        {
            ModelId = Options.Model,
            Temperature = (float)Options.Temperature,
            MaxOutputTokens = turn.MaxTokens,
        };
        if (turn.Stop is { Count: > 0 } stop)
        {
            chatOptions.StopSequences = [.. stop];
        }

        if (turn.Regex is { } regex && Guided != GuidedDecoding.None)
        {
            var mode = Guided;
            chatOptions.RawRepresentationFactory = _ => GuidedOptions(mode, regex);
        }

        return chatOptions;
    }

    /// <summary>The SDK options carrying the server-specific guided-decoding field in the request body.</summary>
    private static ChatCompletionOptions GuidedOptions(GuidedDecoding mode, string regex)
    {
        var raw = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the SDK's way to add request fields it does not model.
        switch (mode)
        {
            case GuidedDecoding.Vllm:
                raw.Patch.Set("$.guided_regex"u8, regex);
                break;
            case GuidedDecoding.VllmStructuredOutputs:
                raw.Patch.Set("$.structured_outputs"u8, BinaryData.FromObjectAsJson(new Dictionary<string, string> { ["regex"] = regex }));
                break;
            case GuidedDecoding.Sglang:
                raw.Patch.Set("$.regex"u8, regex);
                break;
        }
#pragma warning restore SCME0001
        return raw;
    }
}
