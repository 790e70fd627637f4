using Microsoft.Extensions.AI;

namespace Mpo.Judging.Llm;

/// <summary>
/// A judge conversation built turn by turn, as the paper's SGLang programs were: user turns accumulate (several in a
/// row are allowed), and each generation is one chat-completion call over everything so far whose reply is
/// appended as the assistant turn.
/// </summary>
public sealed class JudgeConversation
{
    private readonly List<ChatMessage> _messages = [];
    private readonly JudgeEndpoint _endpoint;

    /// <summary>Starts an empty conversation with <paramref name="endpoint"/>.</summary>
    public JudgeConversation(JudgeEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
    }

    /// <summary>The turns so far.</summary>
    public IReadOnlyList<ChatMessage> Messages => _messages;

    /// <summary>Words in all turns so far (the paper's context guard estimates tokens as words × 1.5).</summary>
    public int WordCount => _messages.Sum(m => Embedded.TextMeasures.Words(m.Text ?? ""));

    /// <summary>Appends a system turn.</summary>
    public JudgeConversation System(string text)
    {
        _messages.Add(new ChatMessage(ChatRole.System, text));
        return this;
    }

    /// <summary>Appends a user turn.</summary>
    public JudgeConversation User(string text)
    {
        _messages.Add(new ChatMessage(ChatRole.User, text));
        return this;
    }

    /// <summary>Generates the next assistant turn and appends it; returns its text (cut at the end marker, trimmed).</summary>
    /// <exception cref="JudgeCallException">The call failed after retries.</exception>
    public async Task<string> GenerateAsync(JudgeTurn turn, CancellationToken cancellationToken = default)
    {
        var reply = await _endpoint.CompleteAsync([.. _messages], turn, cancellationToken).ConfigureAwait(false);
        var text = CutAtEndMarker(reply);
        _messages.Add(new ChatMessage(ChatRole.Assistant, text));
        return text;
    }

    /// <summary>The reply up to the first end marker (for servers that ignore stop sequences), trimmed.</summary>
    public static string CutAtEndMarker(string reply)
    {
        var cut = reply.Length;
        foreach (var marker in JudgeTurn.StopAtEndMarker)
        {
            var at = reply.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        return reply[..cut].Trim();
    }
}
