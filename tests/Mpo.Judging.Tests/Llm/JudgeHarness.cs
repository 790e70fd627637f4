using Microsoft.Extensions.Logging;
using Mpo.JudgeServer;
using Mpo.Judging.Llm;
using Mpo.Judging.Resilience;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Tests.Llm;

/// <summary>A judge test server plus a client endpoint configured for fast tests (short timeouts and delays).</summary>
internal sealed class JudgeHarness : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly JudgePipelines _pipelines = new(randomizer: () => 0.5);

    private JudgeHarness(JudgeTestServer server) => Server = server;

    public JudgeTestServer Server { get; }

    public JudgeEndpoint Endpoint { get; private set; } = null!;

    public CapturingLogger Logger { get; } = new();

    public static readonly TaskDefinition Essay = new(
        "essay_writing", "Write an essay.\n\nInstructions:\n{prompt}\n\nYour Writing:\n", "You will act as an English instructor.",
        "You will act as a senior English instructor.", "Write a short essay of at most 350 words answering the writing prompt.",
        "<rubric>\n<item>\nRate the discourse of the text with an integer score from 0 (worst) to 5 (best).\n</item>\n</rubric>", "elo");

    public static readonly TaskDefinition Ethics = Essay with
    {
        Name = "ethical_reasoning", RewardModelPersona = "You are an insightful moral philosopher.", MetaRewardModelPersona = "You are a senior moral philosopher.",
    };

    public static readonly TaskDefinition Math = Essay with
    {
        Name = "math_reasoning", RewardModelPersona = "You are a skilled mathematician.", MetaRewardModelPersona = "You are a skilled mathematician.",
        InitialRubric = "<rubric>\n<item>\nEvaluate the correctness of the [Student Response].\n</item>\n</rubric>",
    };

    /// <summary>Two items, each declaring 0–5.</summary>
    public static readonly Rubric TwoItems = RubricFormat.Parse(
        "<rubric><item>Discourse: give an integer score from 0 (worst) to 5 (best).</item>" +
        "<item>Clarity: give an integer score from 0 (worst) to 5 (best).</item></rubric>");

    public static async Task<JudgeHarness> StartAsync(
        Func<JudgeEndpointOptions, JudgeEndpointOptions>? configure = null, IJudgeResponder? responder = null, string ownedBy = "mpo-judge-server")
    {
        var harness = new JudgeHarness(await JudgeTestServer.StartAsync(responder, ownedBy: ownedBy));
        var options = new JudgeEndpointOptions
        {
            Name = "test-judge",
            BaseUrl = harness.Server.BaseUrl,
            Model = harness.Server.Model,
            GuidedDecoding = GuidedDecoding.None,
            Timeout = TimeSpan.FromSeconds(5),
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        options = configure?.Invoke(options) ?? options;
        harness.Endpoint = await JudgeEndpoint.CreateAsync(options, harness._pipelines, harness._http, harness.Logger);
        return harness;
    }

    public LlmRewardModel RewardModel(RewardModelOptions? options = null) => new(Endpoint, options, Logger.For<LlmRewardModel>());

    public LlmMetaRewardModel MetaRewardModel(MetaRewardModelOptions? options = null) => new(Endpoint, options, Logger.For<LlmMetaRewardModel>());

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _pipelines.Dispose();
        _http.Dispose();
    }

    /// <summary>Words: <paramref name="count"/> filler words.</summary>
    public static string Words(int count, string word = "word") => string.Join(' ', Enumerable.Repeat(word, count));
}

/// <summary>Keeps every formatted log line (to check that secrets never reach logs).</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger<T> For<T>() => new Typed<T>(this);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add(formatter(state, exception) + (exception is null ? "" : " | " + exception));
        }
    }

    private sealed class Typed<T>(CapturingLogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
