using System.Text.Json;
using Mpo.Core;
using Mpo.TestSupport;
using Mpo.Training.SafeTensors;
using Mpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.SafeTensors;

public class SafeTensorsReaderTests
{
    [Theory]
    [InlineData("f32", ScalarType.Float32)]
    [InlineData("bf16", ScalarType.BFloat16)]
    public void ReadTensors_FileFromStandardLibraryScript_LoadsExactly(string kind, ScalarType dtype)
    {
        // Arrange: tests/python/write_safetensors.py uses only struct and json.
        TorchRuntime.Initialize(1);
        using var temp = new TempFolder();
        ExternalProcess.Run(ExternalProcess.Python, [RepoPaths.Tests("python", "write_safetensors.py"), temp.Path]);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "expected.json")));

        // Act
        var tensors = SafeTensorsReader.ReadTensors(Path.Combine(temp.Path, kind + ".safetensors")).ToDictionary(t => t.Name, t => t.Tensor);

        // Assert
        var want = expected.RootElement.GetProperty(kind).EnumerateObject().ToList();
        Assert.Equal(want.Select(w => w.Name).Order(), tensors.Keys.Order());
        foreach (var w in want)
        {
            var t = tensors[w.Name];
            Assert.Equal(dtype, t.dtype);
            Assert.Equal(w.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), t.shape);
            var values = w.Value.GetProperty("values").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            using var f32 = t.to(ScalarType.Float32);
            Assert.Equal(values, f32.data<float>().ToArray());
            t.Dispose();
        }
    }

    [Fact]
    public void Write_ThenRead_ReturnsTheSameBytesAndAlignsTheHeader()
    {
        TorchRuntime.Initialize(1);
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "x.safetensors");
        using var a = arange(6, ScalarType.Float32).view(2, 3);
        using var b = tensor(new float[] { 1.5f, -2.25f }).to(ScalarType.BFloat16);

        SafeTensorsWriter.Write(path, [("b", b), ("a", a)]);
        var read = SafeTensorsReader.ReadTensors(path).ToDictionary(t => t.Name, t => t.Tensor);

        var (entries, dataStart) = SafeTensorsReader.ReadHeader(path);
        Assert.Equal(0, dataStart % 8);
        Assert.Equal(["a", "b"], entries.Select(e => e.Name));
        Assert.True(read["a"].equal(a).all().item<bool>());
        Assert.Equal(ScalarType.BFloat16, read["b"].dtype);
        Assert.True(read["b"].equal(b).all().item<bool>());
    }

    [Fact]
    public void ReadHeader_TruncatedFile_NamesTheFile()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "bad.safetensors");
        File.WriteAllBytes(path, [200, 0, 0, 0, 0, 0, 0, 0, (byte)'{']);

        var error = Assert.Throws<MpoInputException>(() => SafeTensorsReader.ReadHeader(path));

        Assert.Contains("bad.safetensors", error.Message);
        Assert.Contains("header length 200", error.Message);
    }
}
