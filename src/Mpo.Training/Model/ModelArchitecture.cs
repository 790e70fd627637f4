namespace Mpo.Training.Model;

/// <summary>The decoder-only families this engine implements, by Hugging Face <c>model_type</c>.</summary>
public enum ModelArchitecture
{
    /// <summary><c>llama</c>: RMSNorm, rotary embeddings, grouped-query attention, SwiGLU MLP.</summary>
    Llama,

    /// <summary><c>qwen2</c>: as llama, plus biases on the q, k and v projections.</summary>
    Qwen2,

    /// <summary><c>gpt2</c>: learned positions, LayerNorm, gelu_new MLP, Conv1D weight layout in files.</summary>
    Gpt2,
}
