using System.Globalization;
using System.Text.Json.Nodes;
using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Training.Pretraining;

/// <summary>
/// Makes a fresh tiny llama-type model: its <c>config.json</c> (tied embeddings, float32) and seeded weights
/// (every matrix ~ N(0, <see cref="TinyModelOptions.InitializerRange"/>), norms at 1, as Hugging Face's
/// <c>_init_weights</c> does for llama).
/// </summary>
public static class TinyModel
{
    /// <summary>The config for a vocabulary of <paramref name="vocabSize"/> tokens whose id <paramref name="endOfTextId"/> is BOS, EOS and padding.</summary>
    public static ModelConfig Config(TinyModelOptions options, int vocabSize, int endOfTextId, int? padTokenId = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"),
            ["attention_bias"] = false,
            ["bos_token_id"] = endOfTextId,
            ["eos_token_id"] = endOfTextId,
            ["head_dim"] = options.HiddenSize / options.HeadCount,
            ["hidden_act"] = "silu",
            ["hidden_size"] = options.HiddenSize,
            ["initializer_range"] = options.InitializerRange,
            ["intermediate_size"] = options.IntermediateSize,
            ["max_position_embeddings"] = options.MaxPositions,
            ["mlp_bias"] = false,
            ["model_type"] = "llama",
            ["num_attention_heads"] = options.HeadCount,
            ["num_hidden_layers"] = options.LayerCount,
            ["num_key_value_heads"] = options.KeyValueHeadCount,
            ["pad_token_id"] = padTokenId ?? endOfTextId,
            ["rms_norm_eps"] = options.NormEpsilon,
            ["rope_theta"] = options.RopeTheta,
            ["tie_word_embeddings"] = true,
            ["torch_dtype"] = "float32",
            ["use_cache"] = true,
            ["vocab_size"] = vocabSize,
        };
        // Round-trip through text: the reader reads numbers from parsed JSON (as a config.json file gives them).
        var parsed = (JsonObject)JsonNode.Parse(root.ToJsonString())!;
        return ModelConfigReader.Parse(parsed, ModelConfigReader.FileName);
    }

    /// <summary>Creates the module with seeded weights: the same seed gives the same bits.</summary>
    public static CausalLanguageModel Create(ModelConfig config, long seed, double initializerRange)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = ModelFactory.Create(config);
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters().OrderBy(p => p.name, StringComparer.Ordinal))
        {
            if (p.dim() >= 2)
            {
                p.normal_(0, initializerRange, generator);
            }
            else if (name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                p.fill_(1);
            }
            else
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No initialisation rule for parameter '{name}'."));
            }
        }

        return model;
    }
}
