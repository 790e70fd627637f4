using System.Text.Json.Serialization;

namespace Mpo.Judging.Llm;

/// <summary>
/// How the judge constrains its integer-score replies (the paper used SGLang's regex-guided decoding for
/// <c>\d+</c> and <c>[0-5]</c>). Servers differ in the request field they accept, and OpenAI and Azure OpenAI reject
/// unknown fields, so the mode is chosen per endpoint. Replies are parsed defensively in every mode.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuidedDecoding>))]
public enum GuidedDecoding
{
    /// <summary>Asks the server's <c>/v1/models</c> once: <c>owned_by: "vllm"</c> → <see cref="Vllm"/>,
    /// <c>"sglang"</c> → <see cref="Sglang"/>, anything else (or no answer) → <see cref="None"/>.</summary>
    Auto,

    /// <summary>No guided decoding: the first integer in the reply is taken (OpenAI, Azure OpenAI, Ollama).</summary>
    None,

    /// <summary>vLLM's OpenAI server: extra body field <c>"guided_regex": "…"</c>.</summary>
    Vllm,

    /// <summary>vLLM releases that replaced <c>guided_*</c> by <c>"structured_outputs": {"regex": "…"}</c>.</summary>
    VllmStructuredOutputs,

    /// <summary>SGLang's OpenAI server: extra body field <c>"regex": "…"</c>.</summary>
    Sglang,
}
