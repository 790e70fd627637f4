using System.Text;
using System.Text.Json;

namespace Mpo.Training.Pretraining;

/// <summary>
/// Writes a trained <see cref="BpeVocabulary"/> as a base model's Hugging Face tokenizer files: <c>tokenizer.json</c>
/// (BPE model, GPT-2 byte-level pre-tokenizer and decoder, a post-processor that starts every sequence with the
/// end-of-text token as BOS), <c>tokenizer_config.json</c> (no chat template: the tiny policy reads raw prompts) and
/// <c>special_tokens_map.json</c>. Output is byte-identical for equal input.
/// </summary>
public static class TokenizerFilesWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the three files into <paramref name="directory"/> (created if needed).</summary>
    /// <param name="vocabulary">The trained tokenizer.</param>
    /// <param name="directory">The model folder.</param>
    /// <param name="modelMaxLength">The longest sequence the model takes (<c>model_max_length</c>).</param>
    public static void Write(BpeVocabulary vocabulary, string directory, int modelMaxLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Directory.CreateDirectory(directory);
        WriteJson(Path.Combine(directory, "tokenizer.json"), w => TokenizerJson(w, vocabulary));
        WriteJson(Path.Combine(directory, "tokenizer_config.json"), w => TokenizerConfig(w, vocabulary, modelMaxLength));
        WriteJson(Path.Combine(directory, "special_tokens_map.json"), w =>
        {
            w.WriteStartObject();
            foreach (var name in new[] { "bos_token", "eos_token", "pad_token", "unk_token" })
            {
                w.WriteString(name, name == "pad_token" ? vocabulary.Padding : vocabulary.EndOfText);
            }

            w.WriteEndObject();
        });
    }

    private static void TokenizerJson(Utf8JsonWriter w, BpeVocabulary v)
    {
        w.WriteStartObject();
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        for (int id = 0; id < v.SpecialTokens.Count; id++)
        {
            w.WriteStartObject();
            WriteAddedToken(w, id, v.SpecialTokens[id]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("normalizer");
        w.WriteStartObject("pre_tokenizer");
        WriteByteLevel(w, addPrefixSpace: false, trimOffsets: true);
        w.WriteEndObject();
        w.WriteStartObject("post_processor");
        WriteBosTemplate(w, v.EndOfText);
        w.WriteEndObject();
        w.WriteStartObject("decoder");
        WriteByteLevel(w, addPrefixSpace: true, trimOffsets: true);
        w.WriteEndObject();
        w.WriteStartObject("model");
        w.WriteString("type", "BPE");
        w.WriteNull("dropout");
        w.WriteNull("unk_token");
        w.WriteNull("continuing_subword_prefix");
        w.WriteNull("end_of_word_suffix");
        w.WriteBoolean("fuse_unk", false);
        w.WriteBoolean("byte_fallback", false);
        w.WriteBoolean("ignore_merges", false);
        w.WriteStartObject("vocab");
        for (int id = 0; id < v.Tokens.Count; id++)
        {
            w.WriteNumber(v.Tokens[id], id);
        }

        w.WriteEndObject();
        w.WriteStartArray("merges");
        foreach (var (left, right) in v.Merges)
        {
            w.WriteStartArray();
            w.WriteStringValue(left);
            w.WriteStringValue(right);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void TokenizerConfig(Utf8JsonWriter w, BpeVocabulary v, int modelMaxLength)
    {
        w.WriteStartObject();
        w.WriteBoolean("add_bos_token", true);
        w.WriteBoolean("add_eos_token", false);
        w.WriteBoolean("add_prefix_space", false);
        w.WriteStartObject("added_tokens_decoder");
        for (int id = 0; id < v.SpecialTokens.Count; id++)
        {
            w.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteAddedToken(w, null, v.SpecialTokens[id]);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteString("bos_token", v.EndOfText);
        w.WriteBoolean("clean_up_tokenization_spaces", false);
        w.WriteString("eos_token", v.EndOfText);
        w.WriteNumber("model_max_length", modelMaxLength);
        w.WriteString("pad_token", v.Padding);
        w.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
        w.WriteString("unk_token", v.EndOfText);
        w.WriteEndObject();
    }

    private static void WriteAddedToken(Utf8JsonWriter w, int? id, string content)
    {
        if (id is { } value)
        {
            w.WriteNumber("id", value);
        }

        w.WriteString("content", content);
        w.WriteBoolean("single_word", false);
        w.WriteBoolean("lstrip", false);
        w.WriteBoolean("rstrip", false);
        w.WriteBoolean("normalized", false);
        w.WriteBoolean("special", true);
    }

    private static void WriteByteLevel(Utf8JsonWriter w, bool addPrefixSpace, bool trimOffsets)
    {
        w.WriteString("type", "ByteLevel");
        w.WriteBoolean("add_prefix_space", addPrefixSpace);
        w.WriteBoolean("trim_offsets", trimOffsets);
        w.WriteBoolean("use_regex", true);
    }

    private static void WriteBosTemplate(Utf8JsonWriter w, string bos)
    {
        // Hugging Face's TemplateProcessing: "<bos> $A" for one sequence, "<bos> $A <bos> $B" for a pair.
        w.WriteString("type", "TemplateProcessing");
        w.WriteStartArray("single");
        WritePiece(w, "SpecialToken", bos);
        WritePiece(w, "Sequence", "A");
        w.WriteEndArray();
        w.WriteStartArray("pair");
        WritePiece(w, "SpecialToken", bos);
        WritePiece(w, "Sequence", "A");
        WritePiece(w, "SpecialToken", bos);
        WritePiece(w, "Sequence", "B");
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        w.WriteStartObject(bos);
        w.WriteString("id", bos);
        w.WriteStartArray("ids");
        w.WriteNumberValue(0);
        w.WriteEndArray();
        w.WriteStartArray("tokens");
        w.WriteStringValue(bos);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePiece(Utf8JsonWriter w, string kind, string id)
    {
        w.WriteStartObject();
        w.WriteStartObject(kind);
        w.WriteString("id", id);
        w.WriteNumber("type_id", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            write(w);
        }

        buffer.WriteByte((byte)'\n');
        File.WriteAllBytes(path, buffer.ToArray());
    }
}
