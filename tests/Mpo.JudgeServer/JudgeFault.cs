namespace Mpo.JudgeServer;

/// <summary>A misbehaviour the server can inject instead of (or on top of) the judge's answer.</summary>
public abstract record JudgeFault
{
    /// <summary>Answer with an HTTP error status (500, 502, 503, 408, 400, …).</summary>
    public sealed record Status(int Code = 500) : JudgeFault;

    /// <summary>Answer 429 with a <c>Retry-After</c> header of whole seconds.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds = 1) : JudgeFault;

    /// <summary>Never answer (until the client gives up and disconnects).</summary>
    public sealed record Hang : JudgeFault;

    /// <summary>Answer normally after a delay.</summary>
    public sealed record Slow(TimeSpan Delay) : JudgeFault;

    /// <summary>Answer 200 with this text as the assistant reply, ignoring guided decoding.</summary>
    public sealed record Garbage(string Text = "I would rather not say.") : JudgeFault;

    /// <summary>Answer 200 with this integer as the reply (meant for score turns).</summary>
    public sealed record OutOfRange(int Score = 99) : JudgeFault;

    /// <summary>Answer 200 with a body that is not JSON.</summary>
    public sealed record MalformedBody : JudgeFault;
}

/// <summary>
/// When a fault applies: to the next <paramref name="Next"/> matching requests, or to a seeded share of them, and
/// optionally only to some turn kinds.
/// </summary>
/// <param name="Fault">The fault.</param>
/// <param name="Next">Applies to this many matching requests, then retires; <c>null</c> with <paramref name="Share"/>.</param>
/// <param name="Share">Probability per matching request (seeded), for rules without a count.</param>
/// <param name="Only">Turn kinds the rule matches; <c>null</c> for all.</param>
public sealed record FaultRule(JudgeFault Fault, int? Next = null, double? Share = null, IReadOnlySet<JudgeTurnKind>? Only = null);

/// <summary>The fault rules of a server, evaluated in order per request; thread-safe; changeable during a test.</summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, int Left)> _rules = [];
    private readonly Random _random;

    /// <summary>Creates an empty plan whose share draws are seeded by <paramref name="seed"/>.</summary>
    public FaultPlan(int seed = 1234) => _random = new Random(seed);

    /// <summary>Adds a rule.</summary>
    public FaultPlan Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add((rule, rule.Next ?? int.MaxValue));
        }

        return this;
    }

    /// <summary>Injects <paramref name="fault"/> into the next <paramref name="count"/> requests (of the given kinds).</summary>
    public FaultPlan ForNext(int count, JudgeFault fault, params JudgeTurnKind[] only) =>
        Add(new FaultRule(fault, Next: count, Only: only.Length > 0 ? only.ToHashSet() : null));

    /// <summary>Injects <paramref name="fault"/> into a seeded share of requests (of the given kinds).</summary>
    public FaultPlan ForShare(double share, JudgeFault fault, params JudgeTurnKind[] only) =>
        Add(new FaultRule(fault, Share: share, Only: only.Length > 0 ? only.ToHashSet() : null));

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The fault for a request of <paramref name="kind"/>, consuming a count; <c>null</c> when none applies.</summary>
    public JudgeFault? Next(JudgeTurnKind kind)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, left) = _rules[i];
                if (left <= 0 || (rule.Only is not null && !rule.Only.Contains(kind)))
                {
                    continue;
                }

                if (rule.Next is not null)
                {
                    _rules[i] = (rule, left - 1);
                    return rule.Fault;
                }

                if (_random.NextDouble() < (rule.Share ?? 1.0))
                {
                    return rule.Fault;
                }
            }

            return null;
        }
    }
}
