using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Mpo.Training.Checkpointing;

/// <summary>
/// safetensors as Hugging Face tools expect it: 8-byte little-endian header length, a JSON header with
/// <c>__metadata__</c> and tensors sorted by name, padded with spaces to a multiple of 8 bytes, then the raw data.
/// Reading goes through TorchSharp.PyBridge, which loads such files exactly.
/// </summary>
/// <remarks><see href="https://github.com/huggingface/safetensors/blob/main/README.md"/> (format). Same tensors and
/// metadata give the same bytes.</remarks>
public sealed class SafeTensorsFileFormat : ITensorFileFormat
{
    /// <inheritdoc />
    public void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var blobs = names.Select(n => Bytes(tensors[n])).ToList();
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (k, v) in (metadata ?? new Dictionary<string, string> { ["format"] = "pt" }).OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                json.WriteString(k, v);
            }

            json.WriteEndObject();
            long offset = 0;
            for (int i = 0; i < names.Count; i++)
            {
                json.WriteStartObject(names[i]);
                json.WriteString("dtype", DType(tensors[names[i]].dtype));
                json.WriteStartArray("shape");
                foreach (long d in tensors[names[i]].shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += blobs[i].Length);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int pad = (int)((8 - (header.Length % 8)) % 8);
        using var file = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(header.Length + pad));
        file.Write(length);
        header.WriteTo(file);
        file.Write(Encoding.ASCII.GetBytes(new string(' ', pad)));
        foreach (var blob in blobs)
        {
            file.Write(blob);
        }
    }

    /// <inheritdoc />
    public Dictionary<string, Tensor> Read(string path) => Safetensors.LoadStateDict(path, null);

    private static byte[] Bytes(Tensor t)
    {
        using var contiguous = t.detach().cpu().contiguous();
        return contiguous.bytes.ToArray();
    }

    private static string DType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float16 => "F16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors has no dtype for {type}."),
    };
}
