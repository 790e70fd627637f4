namespace Mpo.JudgeServer;

/// <summary>
/// Plays the judge: answers one recognised protocol turn with the text a model would generate. The server applies
/// stop sequences and guided-decoding patterns afterwards, as a real server would, and fault injection overrides it.
/// Plug in another judge (e.g. the embedded rubric engine) by implementing this one method.
/// </summary>
public interface IJudgeResponder
{
    /// <summary>The assistant reply for <paramref name="request"/>.</summary>
    ValueTask<string> RespondAsync(JudgeTurnRequest request, CancellationToken cancellationToken);
}

/// <summary>A responder from a function, with a fallback for turns the function leaves (returns <c>null</c> for).</summary>
public sealed class DelegateResponder(Func<JudgeTurnRequest, string?> answer, IJudgeResponder fallback) : IJudgeResponder
{
    /// <inheritdoc />
    public ValueTask<string> RespondAsync(JudgeTurnRequest request, CancellationToken cancellationToken) =>
        answer(request) is { } text ? ValueTask.FromResult(text) : fallback.RespondAsync(request, cancellationToken);
}
