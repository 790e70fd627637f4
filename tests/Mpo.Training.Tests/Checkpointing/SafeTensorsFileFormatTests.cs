using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Mpo.Training.Checkpointing;
using Mpo.Training.Tests.TestModels;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Checkpointing;

public class SafeTensorsFileFormatTests
{
    [Fact]
    public void Write_HeaderAlignedWithMetadata_ReadsBackExactly()
    {
        TorchRuntime.Initialize(threads: 1);
        string path = Path.Combine(Path.GetTempPath(), $"st_{Environment.ProcessId}_{Guid.NewGuid():N}.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["b.weight"] = T.F([1.5f, -2.25f, 3f, 1e-7f], 2, 2),
            ["a.bias"] = tensor(new float[] { 0.1f, 0.2f, 0.3f }).to_type(ScalarType.BFloat16),
        };
        try
        {
            var format = new SafeTensorsFileFormat();
            format.Write(path, tensors);
            var raw = File.ReadAllBytes(path);
            long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(raw);
            var header = JsonDocument.Parse(Encoding.UTF8.GetString(raw, 8, (int)headerLength)).RootElement;
            var read = format.Read(path);

            Assert.Equal(0, headerLength % 8);
            Assert.Equal("pt", header.GetProperty("__metadata__").GetProperty("format").GetString());
            Assert.Equal("BF16", header.GetProperty("a.bias").GetProperty("dtype").GetString());
            Assert.Equal(raw.Length - 8 - headerLength, header.GetProperty("b.weight").GetProperty("data_offsets")[1].GetInt64());
            foreach (var (name, t) in tensors)
            {
                Assert.Equal(t.dtype, read[name].dtype);
                Assert.Equal(t.shape, read[name].shape);
                Assert.Equal(t.bytes.ToArray(), read[name].bytes.ToArray());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
