using System.Text.Json.Serialization;

namespace Mpo.Judging.Llm;

/// <summary>Which judge plays a role (reward model or meta-reward model).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgeKind>))]
public enum JudgeKind
{
    /// <summary>The embedded judge: rubric checks and reward-hacking detectors, no server (the default for local runs).</summary>
    [JsonStringEnumMemberName("embedded")]
    Embedded,

    /// <summary>An LLM behind an OpenAI-compatible chat-completions endpoint (vLLM, SGLang, Ollama, Azure OpenAI, OpenAI).</summary>
    [JsonStringEnumMemberName("openai")]
    OpenAi,
}
