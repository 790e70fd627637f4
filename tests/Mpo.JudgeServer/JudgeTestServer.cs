using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mpo.JudgeServer;

/// <summary>
/// An OpenAI-compatible judge server for tests: Kestrel on 127.0.0.1 on a free port, non-streaming
/// <c>POST /v1/chat/completions</c> and <c>GET /v1/models</c>. Each chat request is classified into a protocol turn,
/// answered by the <see cref="IJudgeResponder"/>, cut at the request's stop sequences and constrained to its
/// guided-decoding pattern (vLLM <c>guided_regex</c> / <c>structured_outputs.regex</c>, SGLang <c>regex</c>) as a
/// real server would; <see cref="Faults"/> can override any answer; <see cref="Log"/> records every request.
/// </summary>
public sealed class JudgeTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IJudgeResponder _responder;

    private JudgeTestServer(WebApplication app, IJudgeResponder responder, string model, string ownedBy)
    {
        _app = app;
        _responder = responder;
        Model = model;
        OwnedBy = ownedBy;
    }

    /// <summary>The base URL clients configure, ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The model name served.</summary>
    public string Model { get; }

    /// <summary>The <c>owned_by</c> of the served model (<c>vllm</c>, <c>sglang</c>, or anything else).</summary>
    public string OwnedBy { get; }

    /// <summary>Fault injection rules.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Requests received.</summary>
    public RequestLog Log { get; } = new();

    /// <summary>Whether stop sequences are applied (set <c>false</c> to play a server that ignores them).</summary>
    public bool HonourStop { get; set; } = true;

    /// <summary>Most chat requests ever in progress at once (to check client concurrency limits).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Starts a server on 127.0.0.1 on a free port.</summary>
    /// <param name="responder">The judge; <see cref="RuleBasedResponder"/> when <c>null</c>.</param>
    /// <param name="model">Model name served.</param>
    /// <param name="ownedBy"><c>owned_by</c> reported by <c>/v1/models</c> (drives clients' Auto guided decoding).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<JudgeTestServer> StartAsync(
        IJudgeResponder? responder = null, string model = "judge-test", string ownedBy = "mpo-judge-server", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new JudgeTestServer(app, responder ?? new RuleBasedResponder(), model, ownedBy);
        app.MapGet("/v1/models", server.Models);
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private IResult Models(HttpContext context)
    {
        Log.Add(new LoggedRequest(Log.NextSequence(), DateTimeOffset.UtcNow, context.Request.Path, context.Request.Headers.Authorization, "", null, null, null));
        var data = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model", ["created"] = 0, ["owned_by"] = OwnedBy });
        return Results.Text(new JsonObject { ["object"] = "list", ["data"] = data }.ToJsonString(), "application/json");
    }

    private async Task ChatAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, seen);
        }

        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var sequence = Log.NextSequence();
        var at = DateTimeOffset.UtcNow;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var request = JsonNode.Parse(body)!.AsObject();
        var messages = request["messages"]!.AsArray()
            .Select(m => new WireMessage((string)m!["role"]!, ContentOf(m["content"]))).ToList();
        var turn = JudgeTurnClassifier.Classify(messages, (string?)request["model"] ?? "", GuidedRegexOf(request));
        var fault = Faults.Next(turn.Kind);
        void Record(string? reply) =>
            Log.Add(new LoggedRequest(sequence, at, context.Request.Path, context.Request.Headers.Authorization, body, turn, fault, reply));

        switch (fault)
        {
            case JudgeFault.Status s:
                Record(null);
                await ErrorAsync(context, s.Code, null).ConfigureAwait(false);
                return;
            case JudgeFault.TooManyRequests t:
                Record(null);
                await ErrorAsync(context, 429, t.RetryAfterSeconds).ConfigureAwait(false);
                return;
            case JudgeFault.Hang:
                Record(null);
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                return;
            case JudgeFault.MalformedBody:
                Record(null);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("<html>upstream proxy error</html>", context.RequestAborted).ConfigureAwait(false);
                return;
            case JudgeFault.Slow slow:
                await Task.Delay(slow.Delay, context.RequestAborted).ConfigureAwait(false);
                break;
        }

        var reply = fault switch
        {
            JudgeFault.Garbage g => g.Text,
            JudgeFault.OutOfRange o => o.Score.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Constrain(Stop(await _responder.RespondAsync(turn, context.RequestAborted).ConfigureAwait(false), HonourStop ? request["stop"] : null), turn.GuidedRegex),
        };
        Record(reply);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Completion(reply, (string?)request["model"] ?? Model).ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue v => (string?)v ?? "",
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };

    private static string? GuidedRegexOf(JsonObject request) =>
        (string?)request["guided_regex"] ?? (string?)request["regex"] ?? (string?)request["structured_outputs"]?["regex"];

    /// <summary>Cuts the reply at the first stop sequence (excluded, as OpenAI-compatible servers do).</summary>
    private static string Stop(string reply, JsonNode? stop)
    {
        var sequences = stop switch
        {
            JsonArray a => a.Select(s => (string?)s).OfType<string>(),
            JsonValue v => [(string?)v ?? ""],
            _ => [],
        };
        foreach (var s in sequences.Where(s => s.Length > 0))
        {
            var at = reply.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0)
            {
                reply = reply[..at];
            }
        }

        return reply;
    }

    /// <summary>Guided decoding: the reply becomes the first match of the pattern (a constrained model emits only that).</summary>
    private static string Constrain(string reply, string? pattern)
    {
        if (pattern is null)
        {
            return reply;
        }

        var m = Regex.Match(reply, pattern);
        return m.Success ? m.Value : reply;
    }

    private static JsonObject Completion(string reply, string model) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12],
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
    };

    private static async Task ErrorAsync(HttpContext context, int status, int? retryAfterSeconds)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = $"injected fault {status}", ["type"] = "server_error", ["code"] = status } };
        await context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
