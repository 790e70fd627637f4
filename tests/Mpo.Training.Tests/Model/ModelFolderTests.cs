using Mpo.Core;
using Mpo.TestSupport;
using Mpo.Training.Model;
using Mpo.Training.SafeTensors;
using Mpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Model;

[Collection(ReferenceFoldersCollection.Name)]
public class ModelFolderTests(ReferenceFolders folders)
{
    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    [InlineData("gpt2")]
    public void Save_LoadedAndSavedAgain_IsByteIdentical(string arch)
    {
        // Arrange
        TorchRuntime.Initialize(1);
        using var temp = new TempFolder();
        var first = Path.Combine(temp.Path, "first");
        var second = Path.Combine(temp.Path, "second");

        // Act
        using (var original = ModelFolder.Load(folders.Of(arch)))
        {
            ModelFolder.Save(original, first);
        }

        using (var reloaded = ModelFolder.Load(first))
        {
            ModelFolder.Save(reloaded, second);
        }

        // Assert
        foreach (var name in new[] { "model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json", "generation_config.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }
    }

    [Fact]
    public void Save_Gpt2_WritesConv1DLayoutAndAlignedHeaderWithMetadata()
    {
        TorchRuntime.Initialize(1);
        using var temp = new TempFolder();
        using var loaded = ModelFolder.Load(folders.Of("gpt2"));

        ModelFolder.Save(loaded, temp.Path);

        var (entries, dataStart) = SafeTensorsReader.ReadHeader(Path.Combine(temp.Path, "model.safetensors"));
        Assert.Equal(0, dataStart % 8);
        Assert.Equal([32, 96], entries.Single(e => e.Name == "transformer.h.0.attn.c_attn.weight").Shape);
        Assert.DoesNotContain(entries, e => e.Name.EndsWith(".attn.bias") || e.Name == "lm_head.weight");
        Assert.Equal(entries.Select(e => e.Name).Order(StringComparer.Ordinal), entries.Select(e => e.Name));
        Assert.Equal(entries.Skip(1).Select(e => e.Begin), entries.SkipLast(1).Select(e => e.End));
        var header = File.ReadAllText(Path.Combine(temp.Path, "model.safetensors"))[8..(int)dataStart];
        Assert.StartsWith("""{"__metadata__":{"format":"pt"}""", header);
    }

    [Fact]
    public void Load_Bf16Save_RoundTripsWeightsWithinBf16()
    {
        TorchRuntime.Initialize(1);
        using var temp = new TempFolder();
        using var loaded = ModelFolder.Load(folders.Of("llama"));

        ModelFolder.Save(loaded, temp.Path, ScalarType.BFloat16);
        using var reloaded = ModelFolder.Load(temp.Path);

        Assert.Equal("bfloat16", reloaded.Config.TorchDtype);
        var a = loaded.Model.state_dict()["model.layers.0.self_attn.q_proj.weight"];
        var b = reloaded.Model.state_dict()["model.layers.0.self_attn.q_proj.weight"];
        using var expected = a.to(ScalarType.BFloat16).to(ScalarType.Float32);
        Assert.True(expected.equal(b).all().item<bool>());
    }

    [Theory]
    [InlineData("missing", "weight 'model.norm.weight' is missing")]
    [InlineData("unexpected", "unexpected weight 'model.extra.weight'")]
    [InlineData("shape", "weight 'model.norm.weight' has shape [5]")]
    public void Load_WeightMismatch_NamesTheFirstOne(string kind, string expected)
    {
        // Arrange: the llama folder's weights with one entry broken.
        TorchRuntime.Initialize(1);
        using var temp = new TempFolder();
        using (var loaded = ModelFolder.Load(folders.Of("llama")))
        {
            ModelFolder.Save(loaded, temp.Path);
        }

        var file = Path.Combine(temp.Path, "model.safetensors");
        var tensors = SafeTensorsReader.ReadTensors(file).ToDictionary(t => t.Name, t => t.Tensor);
        switch (kind)
        {
            case "missing": tensors.Remove("model.norm.weight"); break;
            case "unexpected": tensors["model.extra.weight"] = zeros(2); break;
            default: tensors["model.norm.weight"] = zeros(5); break;
        }

        SafeTensorsWriter.Write(file, tensors.Select(kv => (kv.Key, kv.Value)));

        // Act
        var error = Assert.Throws<MpoInputException>(() => ModelFolder.Load(temp.Path));

        // Assert
        Assert.Contains(expected, error.Message);
    }
}
