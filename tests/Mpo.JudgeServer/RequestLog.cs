using System.Collections.Concurrent;

namespace Mpo.JudgeServer;

/// <summary>One request as the server saw it, for assertions.</summary>
/// <param name="Sequence">1-based arrival order.</param>
/// <param name="At">Arrival time.</param>
/// <param name="Path">Request path.</param>
/// <param name="Authorization">The <c>Authorization</c> header as received (e.g. <c>Bearer …</c>).</param>
/// <param name="Body">Raw request body.</param>
/// <param name="Turn">The recognised turn (chat completions only).</param>
/// <param name="Fault">The injected fault, if any.</param>
/// <param name="Reply">The reply text sent, if any.</param>
public sealed record LoggedRequest(int Sequence, DateTimeOffset At, string Path, string? Authorization, string Body, JudgeTurnRequest? Turn, JudgeFault? Fault, string? Reply);

/// <summary>Every request the server received, in arrival order.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _entries = new();
    private int _sequence;

    /// <summary>All entries so far.</summary>
    public IReadOnlyList<LoggedRequest> Entries => [.. _entries.OrderBy(e => e.Sequence)];

    /// <summary>Chat-completion entries so far.</summary>
    public IReadOnlyList<LoggedRequest> Chats => [.. Entries.Where(e => e.Turn is not null)];

    /// <summary>Chat-completion entries of one turn kind.</summary>
    public IReadOnlyList<LoggedRequest> OfKind(JudgeTurnKind kind) => [.. Chats.Where(e => e.Turn!.Kind == kind)];

    internal int NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(LoggedRequest entry) => _entries.Enqueue(entry);
}
