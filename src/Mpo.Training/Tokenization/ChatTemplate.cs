using System.Text;
using Mpo.Core;

namespace Mpo.Training.Tokenization;

/// <summary>
/// Renders chats in the layout a folder's Jinja <c>chat_template</c> produces, for the templates recognised by their
/// markers (ChatML, Llama 3) and with their default system prompts. Anything else is refused with an error naming
/// the template, because a silently wrong format trains the wrong policy.
/// </summary>
public sealed class ChatTemplate
{
    private const string QwenDefaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    private const string ChatMlDefaultSystem = "You are a helpful assistant.";
    private const string Llama31Preamble = "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n";
    private readonly string? _defaultSystem;
    private readonly string _bos;

    private ChatTemplate(ChatFormat format, string? defaultSystem, string bos)
    {
        Format = format;
        _defaultSystem = defaultSystem;
        _bos = bos;
    }

    /// <summary>The recognised layout.</summary>
    public ChatFormat Format { get; }

    /// <summary>Recognises <paramref name="specials"/>' chat template; <paramref name="source"/> names the folder in errors.</summary>
    public static ChatTemplate Detect(SpecialTokens specials, string source)
    {
        ArgumentNullException.ThrowIfNull(specials);
        var template = specials.ChatTemplate;
        if (string.IsNullOrWhiteSpace(template))
        {
            return new ChatTemplate(ChatFormat.None, null, "");
        }

        if (template.Contains("<|im_start|>", StringComparison.Ordinal))
        {
            var system = template.Contains(QwenDefaultSystem, StringComparison.Ordinal) ? QwenDefaultSystem
                : template.Contains(ChatMlDefaultSystem, StringComparison.Ordinal) ? ChatMlDefaultSystem
                : null;
            return new ChatTemplate(ChatFormat.ChatMl, system, "");
        }

        if (template.Contains("<|start_header_id|>", StringComparison.Ordinal))
        {
            var preamble = template.Contains("Cutting Knowledge Date", StringComparison.Ordinal) ? Llama31Preamble : null;
            return new ChatTemplate(ChatFormat.Llama3, preamble, specials.BosToken ?? "<|begin_of_text|>");
        }

        var shown = template.Length > 80 ? template[..80] + "…" : template;
        throw new MpoInputException(
            $"{source}: chat_template is not a recognised format (ChatML or Llama 3): \"{shown.ReplaceLineEndings(" ")}\". Run without --chat to use plain prompts.");
    }

    /// <summary>Renders <paramref name="messages"/>, ending with the assistant header when <paramref name="addGenerationPrompt"/>.</summary>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Format switch
        {
            ChatFormat.ChatMl => RenderChatMl(messages, addGenerationPrompt),
            ChatFormat.Llama3 => RenderLlama3(messages, addGenerationPrompt),
            _ => string.Join("\n\n", messages.Select(m => m.Content)),
        };
    }

    private string RenderChatMl(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder();
        if (_defaultSystem is not null && (messages.Count == 0 || messages[0].Role != "system"))
        {
            sb.Append("<|im_start|>system\n").Append(_defaultSystem).Append("<|im_end|>\n");
        }

        foreach (var m in messages)
        {
            sb.Append("<|im_start|>").Append(m.Role).Append('\n').Append(m.Content).Append("<|im_end|>\n");
        }

        return addGenerationPrompt ? sb.Append("<|im_start|>assistant\n").ToString() : sb.ToString();
    }

    private string RenderLlama3(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder(_bos);
        var rest = messages.AsEnumerable();
        if (_defaultSystem is not null)
        {
            // Llama 3.1+ always opens with a system turn carrying the knowledge-date preamble.
            var system = messages.Count > 0 && messages[0].Role == "system" ? messages[0].Content.Trim() : "";
            rest = messages.Count > 0 && messages[0].Role == "system" ? messages.Skip(1) : messages;
            Header(sb, "system").Append(_defaultSystem).Append(system).Append("<|eot_id|>");
        }

        foreach (var m in rest)
        {
            Header(sb, m.Role).Append(m.Content.Trim()).Append("<|eot_id|>");
        }

        return addGenerationPrompt ? Header(sb, "assistant").ToString() : sb.ToString();
    }

    private static StringBuilder Header(StringBuilder sb, string role) =>
        sb.Append("<|start_header_id|>").Append(role).Append("<|end_header_id|>\n\n");
}
