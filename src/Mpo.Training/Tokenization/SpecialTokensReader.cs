using System.Text.Json;
using Mpo.Core;

namespace Mpo.Training.Tokenization;

/// <summary>Reads <see cref="SpecialTokens"/> from a model folder's tokenizer_config.json and generation_config.json (both optional).</summary>
public static class SpecialTokensReader
{
    /// <summary>The tokenizer settings file.</summary>
    public const string TokenizerConfigFile = "tokenizer_config.json";

    /// <summary>The generation settings file.</summary>
    public const string GenerationConfigFile = "generation_config.json";

    /// <summary>Reads the files of <paramref name="modelDirectory"/>; <paramref name="idOf"/> maps token text to its id.</summary>
    public static SpecialTokens Read(string modelDirectory, Func<string, int?> idOf, bool postProcessorAddsBos)
    {
        ArgumentNullException.ThrowIfNull(idOf);
        var tcPath = Path.Combine(modelDirectory, TokenizerConfigFile);
        using var tc = Open(tcPath);
        var gcPath = Path.Combine(modelDirectory, GenerationConfigFile);
        using var gc = Open(gcPath);

        var bos = TokenText(tc, "bos_token", tcPath);
        var eos = TokenText(tc, "eos_token", tcPath);
        var pad = TokenText(tc, "pad_token", tcPath);
        var eosIds = new List<int>();
        if (gc?.RootElement.TryGetProperty("eos_token_id", out var e) == true)
        {
            eosIds.AddRange(Ids(e, gcPath, "eos_token_id"));
        }

        if (eos is not null)
        {
            var id = idOf(eos) ?? throw new MpoInputException($"{tcPath}: field 'eos_token' is '{eos}', which is not a token of tokenizer.json.");
            if (!eosIds.Contains(id))
            {
                eosIds.Add(id);
            }
        }

        int? gcPad = gc?.RootElement.TryGetProperty("pad_token_id", out var p) == true ? Ids(p, gcPath, "pad_token_id").FirstOrDefault() : null;
        var padId = (pad is null ? null : idOf(pad)) ?? gcPad ?? (eosIds.Count > 0 ? eosIds[0] : 0);
        var addBos = tc?.RootElement.TryGetProperty("add_bos_token", out var ab) == true ? ab.ValueKind == JsonValueKind.True : postProcessorAddsBos;
        return new SpecialTokens(bos, eos, pad, eosIds, padId, bos is null ? null : idOf(bos), addBos && bos is not null, ChatTemplate(tc, tcPath));
    }

    private static JsonDocument? Open(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new MpoInputException($"{path}: not valid JSON ({ex.Message}).", ex);
        }
    }

    private static string? TokenText(JsonDocument? doc, string field, string path)
    {
        if (doc is null || !doc.RootElement.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var c) => c.GetString(),
            _ => throw new MpoInputException($"{path}: field '{field}' is neither a string nor {{\"content\": ...}}."),
        };
    }

    private static IEnumerable<int> Ids(JsonElement e, string path, string field) => e.ValueKind switch
    {
        JsonValueKind.Number => [e.GetInt32()],
        JsonValueKind.Array => e.EnumerateArray().Select(x => x.GetInt32()).ToList(),
        JsonValueKind.Null => [],
        _ => throw new MpoInputException($"{path}: field '{field}' is neither an integer nor a list of integers."),
    };

    private static string? ChatTemplate(JsonDocument? doc, string path)
    {
        if (doc is null || !doc.RootElement.TryGetProperty("chat_template", out var t) || t.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (t.ValueKind == JsonValueKind.String)
        {
            return t.GetString();
        }

        // A list of named templates: the "default" one formats chats.
        foreach (var named in t.EnumerateArray())
        {
            if (named.GetProperty("name").GetString() == "default")
            {
                return named.GetProperty("template").GetString();
            }
        }

        throw new MpoInputException($"{path}: field 'chat_template' is a list without a template named 'default'.");
    }
}
