using System.Net;

namespace Mpo.Judging.Llm;

/// <summary>
/// Puts untrusted text (the policy's response) into a judge prompt so it cannot end its own block or imitate the
/// protocol: it goes between <c>&lt;response&gt;</c> tags with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped, so
/// neither a closing tag nor <c>&lt;EOE&gt;</c> nor a fake <c>&lt;score&gt;</c> survives inside it.
/// </summary>
/// <remarks>
/// Minimal private version: the "rubrics" helper owns the shared <c>JudgePromptEscaping</c> and the injection
/// detector; at merge this should delegate to it.
/// </remarks>
public static class ResponseQuoting
{
    /// <summary>Opening delimiter.</summary>
    public const string Open = "<response>";

    /// <summary>Closing delimiter.</summary>
    public const string Close = "</response>";

    /// <summary>The escaped text wrapped in the delimiters.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Open + "\n" + Escape(text) + "\n" + Close;
    }

    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> (quotes stay readable).</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Reverses <see cref="Escape"/> (for test servers reading the prompt back).</summary>
    public static string Unescape(string text) => WebUtility.HtmlDecode(text);
}
