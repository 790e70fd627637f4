using System.Text.Json.Nodes;

namespace Mpo.Training.Model;

/// <summary>
/// The architecture arguments of a model, read from its <c>config.json</c> with Hugging Face's field names mapped to
/// one shape for all families (gpt2's <c>n_embd</c> becomes <see cref="HiddenSize"/>, and so on).
/// </summary>
/// <remarks>
/// <see cref="Raw"/> keeps the file's whole JSON object so that saving writes back every field this engine does not
/// interpret, which keeps the saved folder loadable by Hugging Face tools.
/// </remarks>
public sealed record ModelConfig
{
    /// <summary>The family (<c>model_type</c>).</summary>
    public required ModelArchitecture Architecture { get; init; }

    /// <summary>Vocabulary size V (<c>vocab_size</c>).</summary>
    public required long VocabSize { get; init; }

    /// <summary>Hidden width H (<c>hidden_size</c> / gpt2 <c>n_embd</c>).</summary>
    public required long HiddenSize { get; init; }

    /// <summary>MLP inner width (<c>intermediate_size</c>; gpt2 <c>n_inner</c>, default 4·H).</summary>
    public required long IntermediateSize { get; init; }

    /// <summary>Number of decoder layers (<c>num_hidden_layers</c> / gpt2 <c>n_layer</c>).</summary>
    public required int LayerCount { get; init; }

    /// <summary>Query heads (<c>num_attention_heads</c> / gpt2 <c>n_head</c>).</summary>
    public required int HeadCount { get; init; }

    /// <summary>Key/value heads (<c>num_key_value_heads</c>, default = query heads; gpt2 = query heads).</summary>
    public required int KeyValueHeadCount { get; init; }

    /// <summary>Normalisation epsilon (<c>rms_norm_eps</c> / gpt2 <c>layer_norm_epsilon</c>).</summary>
    public required double NormEpsilon { get; init; }

    /// <summary>Rotary base (<c>rope_theta</c>, default 10000); unused by gpt2.</summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary>Llama 3 rotary frequency scaling (<c>rope_scaling</c> of type <c>llama3</c>), or <c>null</c>.</summary>
    public RopeScaling? RopeScaling { get; init; }

    /// <summary>Longest sequence (<c>max_position_embeddings</c> / gpt2 <c>n_positions</c>).</summary>
    public required long MaxPositions { get; init; }

    /// <summary>Whether the LM head shares the token embedding (<c>tie_word_embeddings</c>; gpt2 always true).</summary>
    public required bool TieWordEmbeddings { get; init; }

    /// <summary>The dtype the weights were saved in (<c>torch_dtype</c>: float32, bfloat16 or float16).</summary>
    public required string TorchDtype { get; init; }

    /// <summary>The whole <c>config.json</c> object as read.</summary>
    public required JsonObject Raw { get; init; }

    /// <summary>Width of one attention head (H / heads).</summary>
    public long HeadDim => HiddenSize / HeadCount;

    /// <summary>Whether q, k and v carry biases (qwen2).</summary>
    public bool AttentionBias => Architecture == ModelArchitecture.Qwen2;
}

/// <summary>Llama 3's rotary frequency scaling (<c>rope_scaling</c> with <c>rope_type</c> "llama3").</summary>
/// <param name="Factor">How much longer the context is than the original.</param>
/// <param name="LowFrequencyFactor">Wavelengths beyond original/low are divided by <paramref name="Factor"/>.</param>
/// <param name="HighFrequencyFactor">Wavelengths below original/high are kept.</param>
/// <param name="OriginalMaxPositions">The context length the frequencies were trained for.</param>
public sealed record RopeScaling(double Factor, double LowFrequencyFactor, double HighFrequencyFactor, double OriginalMaxPositions);
