namespace Mpo.Judging.Llm;

/// <summary>
/// One generation step of a judge conversation (one chat-completion call): what it is for, how long it may be,
/// where it stops, and the regular expression its reply must match when the server supports guided decoding.
/// </summary>
/// <param name="Kind">Short name for logs and failures (<c>rationale</c>, <c>score</c>, <c>analysis</c>, …).</param>
/// <param name="MaxTokens">Maximum output tokens.</param>
/// <param name="Stop">Stop sequences (e.g. <c>&lt;EOE&gt;</c>), or <c>null</c>.</param>
/// <param name="Regex">Guided-decoding pattern (e.g. <c>\d+</c>), or <c>null</c>.</param>
public sealed record JudgeTurn(string Kind, int MaxTokens, IReadOnlyList<string>? Stop = null, string? Regex = null)
{
    /// <summary>The end-of-evaluation marker the paper's prompts end their free-text answers with.</summary>
    public const string EndMarker = "<EOE>";

    /// <summary>Stop sequences for free-text turns that end with the marker.</summary>
    public static readonly IReadOnlyList<string> StopAtEndMarker = [EndMarker, "</EOE>"];
}
