using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.Core;

namespace Mpo.Training.Model;

/// <summary>
/// Reads <c>config.json</c> into a <see cref="ModelConfig"/>. Every missing or malformed field is an
/// <see cref="MpoInputException"/> naming the file and the field, because a silently defaulted width would only show
/// up later as a confusing shape mismatch.
/// </summary>
public static class ModelConfigReader
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "config.json";

    /// <summary>Reads <c>config.json</c> from <paramref name="modelDirectory"/>.</summary>
    public static ModelConfig Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new MpoInputException($"{path}: not found; a model folder needs config.json.");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new MpoInputException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{path}: not valid JSON ({e.Message}).", e);
        }

        return Parse(root, path);
    }

    /// <summary>Maps the JSON object of a config file; <paramref name="path"/> names it in errors.</summary>
    public static ModelConfig Parse(JsonObject root, string path)
    {
        var f = new Fields(root, path);
        var type = f.String("model_type");
        return type switch
        {
            "llama" => ParseLlama(f, ModelArchitecture.Llama),
            "qwen2" => ParseLlama(f, ModelArchitecture.Qwen2),
            "gpt2" => ParseGpt2(f),
            _ => throw new MpoInputException(
                $"{path}: field 'model_type' is '{type}'; supported model types are llama, qwen2 and gpt2."),
        };
    }

    private static ModelConfig ParseLlama(Fields f, ModelArchitecture architecture)
    {
        var heads = f.Int("num_attention_heads");
        var kvHeads = f.OptionalInt("num_key_value_heads") ?? heads;
        var hidden = f.Long("hidden_size");
        f.Require(hidden % heads == 0, "hidden_size", $"{hidden} is not a multiple of num_attention_heads {heads}");
        f.Require(heads % kvHeads == 0, "num_key_value_heads", $"{kvHeads} does not divide num_attention_heads {heads}");
        var activation = f.OptionalString("hidden_act") ?? "silu";
        f.Require(activation == "silu", "hidden_act", $"'{activation}' is not supported (only silu)");
        return new ModelConfig
        {
            Architecture = architecture,
            VocabSize = f.Long("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = f.Long("intermediate_size"),
            LayerCount = f.Int("num_hidden_layers"),
            HeadCount = heads,
            KeyValueHeadCount = kvHeads,
            NormEpsilon = f.OptionalDouble("rms_norm_eps") ?? 1e-6,
            RopeTheta = f.OptionalDouble("rope_theta") ?? 10000,
            RopeScaling = ParseRopeScaling(f),
            MaxPositions = f.OptionalLong("max_position_embeddings") ?? 2048,
            TieWordEmbeddings = f.OptionalBool("tie_word_embeddings") ?? false,
            TorchDtype = Dtype(f),
            Raw = f.Root,
        };
    }

    private static ModelConfig ParseGpt2(Fields f)
    {
        var hidden = f.Long("n_embd");
        var heads = f.Int("n_head");
        f.Require(hidden % heads == 0, "n_embd", $"{hidden} is not a multiple of n_head {heads}");
        var activation = f.OptionalString("activation_function") ?? "gelu_new";
        f.Require(activation == "gelu_new", "activation_function", $"'{activation}' is not supported (only gelu_new)");
        return new ModelConfig
        {
            Architecture = ModelArchitecture.Gpt2,
            VocabSize = f.Long("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = f.OptionalLong("n_inner") ?? 4 * hidden,
            LayerCount = f.Int("n_layer"),
            HeadCount = heads,
            KeyValueHeadCount = heads,
            NormEpsilon = f.OptionalDouble("layer_norm_epsilon") ?? 1e-5,
            MaxPositions = f.Long("n_positions"),
            TieWordEmbeddings = f.OptionalBool("tie_word_embeddings") ?? true,
            TorchDtype = Dtype(f),
            Raw = f.Root,
        };
    }

    private static RopeScaling? ParseRopeScaling(Fields f)
    {
        if (f.Root["rope_scaling"] is not JsonObject scaling)
        {
            return null;
        }

        var sf = new Fields(scaling, $"{f.Path} (rope_scaling)");
        var kind = sf.OptionalString("rope_type") ?? sf.OptionalString("type");
        f.Require(kind == "llama3", "rope_scaling.rope_type", $"'{kind}' is not supported (only llama3)");
        return new RopeScaling(
            sf.Double("factor"), sf.Double("low_freq_factor"), sf.Double("high_freq_factor"),
            sf.Double("original_max_position_embeddings"));
    }

    private static string Dtype(Fields f)
    {
        var dtype = f.OptionalString("torch_dtype") ?? "float32";
        f.Require(dtype is "float32" or "bfloat16" or "float16", "torch_dtype", $"'{dtype}' is not float32, bfloat16 or float16");
        return dtype;
    }

    /// <summary>Typed access to one JSON object with errors that name the file and the field.</summary>
    private sealed record Fields(JsonObject Root, string Path)
    {
        public void Require(bool condition, string field, string problem)
        {
            if (!condition)
            {
                throw new MpoInputException($"{Path}: field '{field}': {problem}.");
            }
        }

        public string String(string name) => OptionalString(name) ?? throw Missing(name);

        public string? OptionalString(string name) => Node(name, JsonValueKind.String)?.GetValue<string>();

        public long Long(string name) => OptionalLong(name) ?? throw Missing(name);

        public long? OptionalLong(string name)
        {
            var value = OptionalDouble(name);
            Require(value is null || (value == Math.Floor(value.Value) && value > 0), name, $"{value} is not a positive integer");
            return value is null ? null : (long)value.Value;
        }

        public int Int(string name) => checked((int)Long(name));

        public int? OptionalInt(string name) => OptionalLong(name) is { } v ? checked((int)v) : null;

        public double Double(string name) => OptionalDouble(name) ?? throw Missing(name);

        public double? OptionalDouble(string name) => Node(name, JsonValueKind.Number)?.GetValue<double>();

        public bool? OptionalBool(string name)
        {
            var node = Root[name];
            if (node is null)
            {
                return null;
            }

            var kind = node.GetValueKind();
            Require(kind is JsonValueKind.True or JsonValueKind.False, name, $"expected true or false, found {kind}");
            return kind == JsonValueKind.True;
        }

        private JsonNode? Node(string name, JsonValueKind kind)
        {
            var node = Root[name];
            if (node is not null)
            {
                Require(node.GetValueKind() == kind, name, $"expected a {kind.ToString().ToLowerInvariant()}, found {node.GetValueKind()}");
            }

            return node;
        }

        private MpoInputException Missing(string name) => new($"{Path}: field '{name}' is missing.");
    }
}
