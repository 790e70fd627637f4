using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.Training;
using Mpo.Training.Model;
using Mpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Mpo.Pipeline.Tests.Support;

/// <summary>
/// Writes a tiny random-weight llama folder with a byte-level tokenizer (one token per byte, no merges) and
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, <c>&lt;pad&gt;</c> special tokens: a real model folder that loads through
/// <see cref="ModelFolder"/>, small enough to train in milliseconds per step.
/// </summary>
internal static class TinyPolicyFolder
{
    public const int Bos = 256, Eos = 257, Pad = 258;

    public static void Write(string folder, ulong seed = 11)
    {
        Directory.CreateDirectory(folder);
        WriteTokenizer(folder);
        TorchRuntime.Initialize(1);
        var json = """{"model_type":"llama","vocab_size":260,"hidden_size":32,"intermediate_size":64,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"rope_theta":10000.0,"max_position_embeddings":1024,"rms_norm_eps":1e-5,"tie_word_embeddings":false,"torch_dtype":"float32"}""";
        var config = ModelConfigReader.Parse((JsonObject)JsonNode.Parse(json)!, "tiny config.json");
        var model = ModelFactory.Create(config);
        using (var generator = new Generator(seed))
        using (no_grad())
        {
            foreach (var (name, p) in model.named_parameters())
            {
                using var scope = NewDisposeScope();
                var noise = randn(p.shape, generator: generator).mul_(0.2);
                p.copy_(name.Contains("norm") ? noise.mul_(0.1).add_(1) : noise);
            }
        }

        using var loaded = new LoadedModel(folder, config, model, null, CPU, ScalarType.Float32);
        ModelFolder.Save(loaded, folder);
    }

    private static void WriteTokenizer(string folder)
    {
        var vocab = new JsonObject();
        for (int b = 0; b < 256; b++)
        {
            vocab[ByteLevelAlphabet.ToChar((byte)b).ToString()] = b;
        }

        JsonObject Added(int id, string content) => new()
        {
            ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
        };

        var tokenizer = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(Added(Bos, "<s>"), Added(Eos, "</s>"), Added(Pad, "<pad>")),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true },
            ["post_processor"] = null,
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab, ["merges"] = new JsonArray() },
        };
        var options = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizer.ToJsonString(options));
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """{"bos_token":"<s>","eos_token":"</s>","pad_token":"<pad>","add_bos_token":true}""");
    }
}
