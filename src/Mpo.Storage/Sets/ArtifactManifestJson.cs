using System.Buffers;
using System.Text.Json;

namespace Mpo.Storage.Sets;

/// <summary>
/// Canonical JSON for <see cref="ArtifactManifest"/>: fields in a fixed order (<c>format</c>, <c>version</c>,
/// <c>files</c>, <c>metadata</c>), files sorted by path, metadata keys sorted (ordinal) at every depth, integers
/// as integers and other numbers in shortest round-trip form, two-space indent, <c>\n</c> line ends and a final
/// newline. The reader is strict: unknown or missing fields are errors.
/// </summary>
internal static class ArtifactManifestJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 2, NewLine = "\n" };

    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 64 };

    public static byte[] Write(ArtifactManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", ArtifactManifest.Format);
            w.WriteNumber("version", ArtifactManifest.Version);
            w.WriteStartArray("files");
            foreach (var file in manifest.Files)
            {
                w.WriteStartObject();
                w.WriteString("path", file.Path);
                w.WriteString("sha256", file.Sha256);
                w.WriteNumber("size", file.Size);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("metadata");
            WriteCanonical(w, manifest.Metadata, "metadata");
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static ArtifactManifest Read(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), ReaderOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"manifest is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var fields = Fields(root, "manifest", ["format", "version", "files", "metadata"]);
            if (fields["format"] is not { ValueKind: JsonValueKind.String } format || format.GetString() != ArtifactManifest.Format)
            {
                throw new FormatException($"manifest field 'format' must be \"{ArtifactManifest.Format}\".");
            }

            if (fields["version"] is not { ValueKind: JsonValueKind.Number } version || !version.TryGetInt32(out var v)
                || v != ArtifactManifest.Version)
            {
                throw new FormatException(
                    $"manifest field 'version' is {fields["version"].GetRawText()}; this program reads version {ArtifactManifest.Version}.");
            }

            if (fields["files"].ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("manifest field 'files' must be an array.");
            }

            if (fields["metadata"].ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("manifest field 'metadata' must be an object.");
            }

            var entries = fields["files"].EnumerateArray().Select(ReadEntry).ToList();
            try
            {
                return new ArtifactManifest(entries, fields["metadata"]);
            }
            catch (ArgumentException e)
            {
                throw new FormatException(e.Message.Split(" (Parameter")[0]);
            }
        }
    }

    private static ArtifactManifestEntry ReadEntry(JsonElement element, int index)
    {
        var where = $"files[{index}]";
        var f = Fields(element, where, ["path", "sha256", "size"]);
        if (f["path"].ValueKind != JsonValueKind.String || f["sha256"].ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"manifest {where}: 'path' and 'sha256' must be strings.");
        }

        if (f["size"].ValueKind != JsonValueKind.Number || !f["size"].TryGetInt64(out var size) || size < 0)
        {
            throw new FormatException($"manifest {where}: 'size' must be a non-negative integer.");
        }

        return new ArtifactManifestEntry(f["path"].GetString()!, f["sha256"].GetString()!, size);
    }

    private static Dictionary<string, JsonElement> Fields(JsonElement element, string where, string[] required)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} must be a JSON object.");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!required.Contains(property.Name))
            {
                throw new FormatException($"{where} has an unknown field '{property.Name}'.");
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw new FormatException($"{where} has the field '{property.Name}' twice.");
            }
        }

        var missing = required.Where(r => !fields.ContainsKey(r)).ToArray();
        return missing.Length == 0
            ? fields
            : throw new FormatException($"{where} lacks the field(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
    }

    private static void WriteCanonical(Utf8JsonWriter w, JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().ToList();
                var names = new HashSet<string>(StringComparer.Ordinal);
                w.WriteStartObject();
                foreach (var property in properties.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!names.Add(property.Name))
                    {
                        throw new ArgumentException($"Manifest {where} has the key '{property.Name}' twice.");
                    }

                    w.WritePropertyName(property.Name);
                    WriteCanonical(w, property.Value, $"{where}.{property.Name}");
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(w, item, $"{where}[{i++}]");
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                w.WriteNumberValue(integer);
                break;
            case JsonValueKind.Number:
                w.WriteNumberValue(element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                w.WriteBooleanValue(element.GetBoolean());
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
