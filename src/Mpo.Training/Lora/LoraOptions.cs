using System.Text.Json.Serialization;

namespace Mpo.Training.Lora;

/// <summary>
/// LoRA settings with PEFT's names (they are also the keys of <c>adapter_config.json</c>) and the paper's values:
/// r 64, alpha 128, dropout 0.1, no bias, q/k/v/o/gate/up/down and <c>lm_head</c>.
/// </summary>
/// <remarks>
/// <see href="https://github.com/huggingface/peft/blob/v0.15.0/src/peft/tuners/lora/config.py"/>. The paper disables
/// dropout after <c>get_peft_model</c>, and the trainer runs in eval mode, so the dropout only matters in train mode.
/// </remarks>
public sealed record LoraOptions
{
    /// <summary>Section name in a run config file.</summary>
    public const string SectionName = "lora";

    /// <summary>Llama/Qwen2 projection names the paper adapts.</summary>
    public static readonly IReadOnlyList<string> LlamaTargets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"];

    /// <summary>GPT-2's equivalents (fused qkv <c>c_attn</c>, <c>c_proj</c> in attention and MLP, <c>c_fc</c>).</summary>
    public static readonly IReadOnlyList<string> Gpt2Targets = ["c_attn", "c_proj", "c_fc", "lm_head"];

    /// <summary>Rank r. <value>The default is 64.</value></summary>
    [JsonPropertyName("r")]
    public int Rank { get; init; } = 64;

    /// <summary>Scale numerator: the update is (alpha / r)·B·A. <value>The default is 128.</value></summary>
    [JsonPropertyName("lora_alpha")]
    public double Alpha { get; init; } = 128;

    /// <summary>Dropout on the adapter input (train mode only). <value>The default is 0.1.</value></summary>
    [JsonPropertyName("lora_dropout")]
    public double Dropout { get; init; } = 0.1;

    /// <summary>Projection names (last path segment) to adapt. <value>The default is <see cref="LlamaTargets"/>.</value></summary>
    [JsonPropertyName("target_modules")]
    public IReadOnlyList<string> TargetModules { get; init; } = LlamaTargets;

    /// <summary>PEFT's bias mode; only <c>"none"</c> is supported. <value>The default is "none".</value></summary>
    [JsonPropertyName("bias")]
    public string Bias { get; init; } = "none";

    /// <summary>alpha / r.</summary>
    [JsonIgnore]
    public double Scaling => Alpha / Rank;
}
