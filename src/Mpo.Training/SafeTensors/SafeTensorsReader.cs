using System.Buffers.Binary;
using System.Text.Json;
using Mpo.Core;
using static TorchSharp.torch;

namespace Mpo.Training.SafeTensors;

/// <summary>
/// Reads safetensors files: an 8-byte little-endian header length, a JSON header of name → {dtype, shape,
/// data_offsets}, then the raw little-endian data. Written here rather than borrowed so that errors name the file
/// and tensor, and so that BF16/F16 arrive as such (the caller casts).
/// </summary>
public static class SafeTensorsReader
{
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads the header of <paramref name="path"/>: its entries (in file order) and where the data starts.</summary>
    public static (IReadOnlyList<SafeTensorsEntry> Entries, long DataStart) ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8)
        {
            throw new MpoInputException($"{path}: too short to be a safetensors file.");
        }

        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > stream.Length)
        {
            throw new MpoInputException($"{path}: header length {headerLength} is not valid for a file of {stream.Length} bytes.");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var entries = ParseHeader(header, path);
        var dataLength = stream.Length - 8 - headerLength;
        foreach (var e in entries)
        {
            if (e.Begin < 0 || e.End < e.Begin || e.End > dataLength)
            {
                throw new MpoInputException($"{path}: tensor '{e.Name}' has data_offsets [{e.Begin}, {e.End}] outside the {dataLength} data bytes.");
            }
        }

        return (entries, 8 + headerLength);
    }

    /// <summary>
    /// Reads every tensor of <paramref name="path"/> on the CPU in its file dtype, in header order. The caller owns the
    /// tensors.
    /// </summary>
    public static IEnumerable<(string Name, Tensor Tensor)> ReadTensors(string path)
    {
        var (entries, dataStart) = ReadHeader(path);
        using var stream = File.OpenRead(path);
        foreach (var e in entries.OrderBy(e => e.Begin))
        {
            var type = SafeTensorsDtypes.ToScalarType(e.Dtype, $"{path} (tensor '{e.Name}')");
            var t = empty(e.Shape, type);
            var expected = t.NumberOfElements * t.ElementSize;
            if (expected != e.End - e.Begin)
            {
                t.Dispose();
                throw new MpoInputException(
                    $"{path}: tensor '{e.Name}' ({e.Dtype} [{string.Join(", ", e.Shape)}]) needs {expected} bytes but data_offsets span {e.End - e.Begin}.");
            }

            if (expected > 0)
            {
                stream.Position = dataStart + e.Begin;
                stream.ReadExactly(t.bytes);
            }

            yield return (e.Name, t);
        }
    }

    private static List<SafeTensorsEntry> ParseHeader(byte[] header, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(header);
            var entries = new List<SafeTensorsEntry>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }

                var value = property.Value;
                var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                if (offsets.Length != 2)
                {
                    throw new MpoInputException($"{path}: tensor '{property.Name}' needs two data_offsets.");
                }

                entries.Add(new SafeTensorsEntry(property.Name, value.GetProperty("dtype").GetString()!, shape, offsets[0], offsets[1]));
            }

            return entries;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MpoInputException($"{path}: the safetensors header is not valid ({e.Message}).", e);
        }
    }
}
