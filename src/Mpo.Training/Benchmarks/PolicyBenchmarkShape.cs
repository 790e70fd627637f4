using System.Text.Json.Nodes;
using Mpo.Training.Model;

namespace Mpo.Training.Benchmarks;

/// <summary>
/// The fixed workload of <c>mpo bench policy</c>: one llama-shaped model and batch, the same on both sides of the
/// comparison so the ratios mean something across runs and machines.
/// </summary>
/// <param name="VocabSize">Vocabulary (default 4096).</param>
/// <param name="HiddenSize">Model width (default 256).</param>
/// <param name="Layers">Decoder layers (default 4).</param>
/// <param name="Batch">Rows of the training batch and of the sampling batch (default 8).</param>
/// <param name="SequenceLength">Tokens per training row (default 128).</param>
/// <param name="PromptLength">Prompt tokens per sampling row (default 16).</param>
/// <param name="NewTokens">Sampled tokens per row, no early stop (default 64).</param>
/// <param name="TrainStepsPerRound">Timed training steps per round (default 3).</param>
/// <param name="Rounds">Alternating rounds (default 5).</param>
public sealed record PolicyBenchmarkShape(
    int VocabSize = 4096,
    int HiddenSize = 256,
    int Layers = 4,
    int Batch = 8,
    int SequenceLength = 128,
    int PromptLength = 16,
    int NewTokens = 64,
    int TrainStepsPerRound = 3,
    int Rounds = 5)
{
    /// <summary>The standard workload.</summary>
    public static PolicyBenchmarkShape Standard { get; } = new();

    /// <summary>A much smaller workload for smoke tests (seconds, not minutes).</summary>
    public static PolicyBenchmarkShape Quick { get; } = new(
        VocabSize: 512, HiddenSize: 64, Layers: 2, Batch: 4, SequenceLength: 32, PromptLength: 8, NewTokens: 8, TrainStepsPerRound: 1, Rounds: 2);

    /// <summary>The Hugging Face config.json of the model (4 heads of 64, 2 key/value heads, SwiGLU 8/3·d rounded).</summary>
    public JsonObject ConfigJson() => new()
    {
        ["model_type"] = "llama",
        ["vocab_size"] = VocabSize,
        ["hidden_size"] = HiddenSize,
        ["intermediate_size"] = HiddenSize * 8 / 3 / 8 * 8,
        ["num_hidden_layers"] = Layers,
        ["num_attention_heads"] = Math.Max(1, HiddenSize / 64),
        ["num_key_value_heads"] = Math.Max(1, HiddenSize / 128),
        ["rms_norm_eps"] = 1e-6,
        ["rope_theta"] = 10000.0,
        ["max_position_embeddings"] = Math.Max(SequenceLength, PromptLength + NewTokens),
        ["tie_word_embeddings"] = false,
        ["torch_dtype"] = "float32",
    };

    /// <summary>The parsed config (through JSON text, as a config.json file would be read).</summary>
    public ModelConfig Config() => ModelConfigReader.Parse((JsonObject)JsonNode.Parse(ConfigJson().ToJsonString())!, "benchmark config");
}
