using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Mpo.Training.SafeTensors;

/// <summary>
/// Writes safetensors files as Hugging Face's own library does, so its tools read them: a JSON header with
/// <c>__metadata__ {"format":"pt"}</c>, tensors sorted by name with contiguous data offsets, and the header padded
/// with spaces to a multiple of 8 bytes (so the data is aligned). The same tensors always give the same bytes.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (any device; copied to the CPU) to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var sorted = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var duplicate = sorted.Zip(sorted.Skip(1)).FirstOrDefault(p => p.First.Name == p.Second.Name);
        if (duplicate.First.Name is not null)
        {
            throw new ArgumentException($"Tensor name '{duplicate.First.Name}' appears twice.", nameof(tensors));
        }

        var header = BuildHeader(sorted);
        var tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, t) in sorted)
            {
                using var cpu = t.detach().cpu().contiguous();
                if (cpu.NumberOfElements > 0)
                {
                    stream.Write(cpu.bytes);
                }
            }
        }

        File.Move(tmp, path, overwrite: true);
    }

    private static byte[] BuildHeader(List<(string Name, Tensor Tensor)> sorted)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, t) in sorted)
            {
                var bytes = t.NumberOfElements * t.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsDtypes.ToCode(t.dtype));
                json.WriteStartArray("shape");
                foreach (var d in t.shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        var header = buffer.ToArray();
        var padded = (header.Length + 7) / 8 * 8;
        var result = new byte[padded];
        header.CopyTo(result, 0);
        result.AsSpan(header.Length).Fill((byte)' ');
        return result;
    }

    /// <summary>The header text written for <paramref name="tensors"/> (for diagnostics and tests).</summary>
    public static string HeaderText(IEnumerable<(string Name, Tensor Tensor)> tensors) =>
        Encoding.UTF8.GetString(BuildHeader(tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList())).TrimEnd(' ');
}
