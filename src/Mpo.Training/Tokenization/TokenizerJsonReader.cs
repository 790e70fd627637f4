using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Mpo.Core;

namespace Mpo.Training.Tokenization;

/// <summary>
/// Builds a byte-level <see cref="BpeTokenizer"/> from a Hugging Face <c>tokenizer.json</c>: <c>model.vocab</c>,
/// <c>model.merges</c> (as "a b" strings or ["a", "b"] pairs), <c>added_tokens</c> (matched whole, before BPE),
/// the pre-tokenizer's split regex and an NFC normaliser. Microsoft.ML.Tokenizers has no loader for this format.
/// </summary>
public static class TokenizerJsonReader
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "tokenizer.json";

    /// <summary>GPT-2's pre-tokenizer pattern, used by a <c>ByteLevel</c> pre-tokenizer with <c>use_regex</c>.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static TokenizerDefinition Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new MpoInputException($"{path}: not found; a model folder needs tokenizer.json.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return Parse(doc.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    private static TokenizerDefinition Parse(JsonElement root, string path)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new MpoInputException($"{path}: field 'model' is missing.");
        }

        var type = model.TryGetProperty("type", out var t) ? t.GetString() : "BPE";
        if (type != "BPE")
        {
            throw new MpoInputException($"{path}: field 'model.type' is '{type}'; only byte-level BPE is supported.");
        }

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!model.TryGetProperty("vocab", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            throw new MpoInputException($"{path}: field 'model.vocab' is missing or not an object.");
        }

        foreach (var p in vocabElement.EnumerateObject())
        {
            vocab[p.Name] = p.Value.GetInt32();
        }

        var merges = new List<string>();
        if (model.TryGetProperty("merges", out var mergesElement))
        {
            int i = 0;
            foreach (var m in mergesElement.EnumerateArray())
            {
                merges.Add(m.ValueKind switch
                {
                    JsonValueKind.String => m.GetString()!,
                    JsonValueKind.Array when m.GetArrayLength() == 2 => $"{m[0].GetString()} {m[1].GetString()}",
                    _ => throw new MpoInputException($"{path}: field 'model.merges[{i}]' is neither \"a b\" nor [\"a\", \"b\"]."),
                });
                i++;
            }
        }

        var added = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out var addedElement) && addedElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in addedElement.EnumerateArray())
            {
                var special = a.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
                added.Add(new AddedToken(a.GetProperty("id").GetInt32(), a.GetProperty("content").GetString()!, special));
            }
        }

        var ignoreMerges = model.TryGetProperty("ignore_merges", out var im) && im.ValueKind == JsonValueKind.True;
        return new TokenizerDefinition(vocab, merges, added, PreTokenizerPattern(root, path), HasNfc(root, path), ignoreMerges);
    }

    private static string PreTokenizerPattern(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            throw new MpoInputException($"{path}: field 'pre_tokenizer' is missing; only byte-level pre-tokenizers are supported.");
        }

        var steps = pre.GetProperty("type").GetString() == "Sequence"
            ? pre.GetProperty("pretokenizers").EnumerateArray().ToList()
            : [pre];
        string? pattern = null;
        var byteLevel = false;
        foreach (var step in steps)
        {
            switch (step.GetProperty("type").GetString())
            {
                case "Split":
                    pattern = step.GetProperty("pattern").TryGetProperty("Regex", out var r) ? r.GetString()
                        : Regex.Escape(step.GetProperty("pattern").GetProperty("String").GetString()!);
                    break;
                case "ByteLevel":
                    byteLevel = true;
                    if (!step.TryGetProperty("use_regex", out var useRegex) || useRegex.ValueKind == JsonValueKind.True)
                    {
                        pattern ??= Gpt2Pattern;
                    }

                    break;
                case var other:
                    throw new MpoInputException($"{path}: field 'pre_tokenizer' has a step of type '{other}'; only Split and ByteLevel are supported.");
            }
        }

        if (!byteLevel || pattern is null)
        {
            throw new MpoInputException($"{path}: field 'pre_tokenizer' is not a byte-level pre-tokenizer with a split pattern.");
        }

        return pattern;
    }

    private static bool HasNfc(JsonElement root, string path)
    {
        if (!root.TryGetProperty("normalizer", out var n) || n.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        var type = n.GetProperty("type").GetString();
        return type switch
        {
            "NFC" => true,
            _ => throw new MpoInputException($"{path}: field 'normalizer' has type '{type}'; only NFC or none is supported."),
        };
    }
}

/// <summary>A token matched whole in text before BPE (<c>added_tokens</c> of tokenizer.json).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Content">Its text.</param>
/// <param name="Special">Whether it is a special (control) token, skipped when decoding for display.</param>
public sealed record AddedToken(int Id, string Content, bool Special);

/// <summary>The parsed content of a tokenizer.json.</summary>
/// <param name="Vocabulary">Byte-level token text → id.</param>
/// <param name="Merges">Merge rules, "a b", highest priority first.</param>
/// <param name="AddedTokens">Tokens matched whole before BPE.</param>
/// <param name="SplitPattern">The pre-tokenizer's split regex.</param>
/// <param name="Nfc">Whether text is NFC-normalised first.</param>
/// <param name="IgnoreMerges">Llama 3's flag: a word already in the vocabulary is one token (see docs/models.md).</param>
public sealed record TokenizerDefinition(
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    IReadOnlyList<AddedToken> AddedTokens,
    string SplitPattern,
    bool Nfc,
    bool IgnoreMerges);
