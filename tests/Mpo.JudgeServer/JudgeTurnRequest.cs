namespace Mpo.JudgeServer;

/// <summary>One message of the conversation as the server received it.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Content">The text.</param>
public sealed record WireMessage(string Role, string Content);

/// <summary>
/// What a responder is asked to answer: the recognised turn with the pieces a judge needs already pulled out of
/// the conversation (item number and text, the unescaped response under judgement), plus the whole conversation.
/// </summary>
/// <param name="Kind">The recognised turn.</param>
/// <param name="Number">Item / criterion number for numbered turns, else <c>null</c>.</param>
/// <param name="ItemText">The rubric item text for Rationale and Score turns, else <c>null</c>.</param>
/// <param name="Response">The policy response under judgement (delimiters removed, unescaped), if the conversation has one.</param>
/// <param name="Messages">The whole conversation.</param>
/// <param name="Model">The requested model name.</param>
/// <param name="GuidedRegex">The guided-decoding pattern the client sent (any of the supported fields), or <c>null</c>.</param>
public sealed record JudgeTurnRequest(
    JudgeTurnKind Kind, int? Number, string? ItemText, string? Response, IReadOnlyList<WireMessage> Messages, string Model, string? GuidedRegex)
{
    /// <summary>The policy's input (the <c>&lt;task_input&gt;</c> block, unescaped), if the conversation has one.</summary>
    public string? TaskInput { get; init; }

    /// <summary>The math reference solution (<c>[Start of Reference Solution]</c> block), if the conversation has one.</summary>
    public string? ReferenceSolution { get; init; }

    /// <summary>The last user message.</summary>
    public string LastUser => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";
}
