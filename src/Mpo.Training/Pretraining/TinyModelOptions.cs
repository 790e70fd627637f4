namespace Mpo.Training.Pretraining;

/// <summary>
/// The shape of a tiny llama-type policy made from scratch (shared notes/reward-hacking.md: a ~0.4M-parameter
/// 2-layer decoder learns the bundled task in minutes on one CPU thread). Names follow Hugging Face's config.json.
/// </summary>
public sealed record TinyModelOptions
{
    /// <summary><c>hidden_size</c>. <value>The default is 128.</value></summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary><c>intermediate_size</c> (SwiGLU width). <value>The default is 256.</value></summary>
    public int IntermediateSize { get; init; } = 256;

    /// <summary><c>num_hidden_layers</c>. <value>The default is 2.</value></summary>
    public int LayerCount { get; init; } = 2;

    /// <summary><c>num_attention_heads</c>. <value>The default is 4.</value></summary>
    public int HeadCount { get; init; } = 4;

    /// <summary><c>num_key_value_heads</c> (grouped-query attention). <value>The default is 2.</value></summary>
    public int KeyValueHeadCount { get; init; } = 2;

    /// <summary><c>max_position_embeddings</c>: prompt plus response plus BOS/EOS fit easily. <value>The default is 64.</value></summary>
    public int MaxPositions { get; init; } = 64;

    /// <summary><c>rope_theta</c>. <value>The default is 10000.</value></summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary><c>rms_norm_eps</c>. <value>The default is 1e-6.</value></summary>
    public double NormEpsilon { get; init; } = 1e-6;

    /// <summary>Standard deviation of the normal initialisation of every matrix (<c>initializer_range</c>). <value>The default is 0.02.</value></summary>
    public double InitializerRange { get; init; } = 0.02;
}
