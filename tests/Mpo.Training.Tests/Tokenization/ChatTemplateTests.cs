using Mpo.Core;
using Mpo.Training.Tokenization;

namespace Mpo.Training.Tests.Tokenization;

public class ChatTemplateTests
{
    private const string QwenTemplate = "{%- if messages[0]['role'] == 'system' %}...{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}<|im_start|>";
    private const string Llama31Template = "{{- bos_token }}Cutting Knowledge Date: December 2023 {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}";

    [Fact]
    public void Render_QwenTemplate_AddsDefaultSystemAndGenerationPrompt()
    {
        var template = ChatTemplate.Detect(Specials(QwenTemplate), "qwen");

        var text = template.Render([new ChatMessage("user", "Hi")]);

        Assert.Equal(ChatFormat.ChatMl, template.Format);
        Assert.Equal("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Fact]
    public void Render_Llama31Template_OpensWithKnowledgeDateSystemTurn()
    {
        var template = ChatTemplate.Detect(Specials(Llama31Template), "llama");

        var text = template.Render([new ChatMessage("system", " Be brief. "), new ChatMessage("user", "Hi ")]);

        Assert.Equal(ChatFormat.Llama3, template.Format);
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nBe brief.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            text);
    }

    [Fact]
    public void Render_NoTemplate_ConcatenatesMessages()
    {
        var template = ChatTemplate.Detect(Specials(null), "gpt2");

        Assert.Equal(ChatFormat.None, template.Format);
        Assert.Equal("a\n\nb", template.Render([new ChatMessage("user", "a"), new ChatMessage("user", "b")]));
    }

    [Fact]
    public void Detect_UnknownTemplate_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<MpoInputException>(() => ChatTemplate.Detect(Specials("{% for m in messages %}[INST] {{ m.content }} [/INST]{% endfor %}"), "mistral-folder"));

        Assert.Contains("mistral-folder", error.Message);
        Assert.Contains("[INST]", error.Message);
    }

    private static SpecialTokens Specials(string? template) =>
        new("<|begin_of_text|>", "<|eot_id|>", null, [1], 1, 0, true, template);
}
