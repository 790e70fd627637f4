using Mpo.Training.Model;
using Mpo.Training.Tests.Support;

namespace Mpo.Training.Tests.Model;

/// <summary>The state_dict names and shapes must be Hugging Face's, or real checkpoints will not load.</summary>
public class ModelShapeTests
{
    [Fact]
    public void StateDict_Qwen2_HasHuggingFaceNamesAndShapes()
    {
        TorchRuntime.Initialize(1);
        using var model = ModelFactory.Create(TinyModels.Config(ModelArchitecture.Qwen2));

        var layer0 = model.state_dict().Where(kv => !kv.Key.StartsWith("model.layers.1.")).Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}]").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "model.embed_tokens.weight [64, 32]",
                "model.layers.0.input_layernorm.weight [32]",
                "model.layers.0.mlp.down_proj.weight [32, 48]",
                "model.layers.0.mlp.gate_proj.weight [48, 32]",
                "model.layers.0.mlp.up_proj.weight [48, 32]",
                "model.layers.0.post_attention_layernorm.weight [32]",
                "model.layers.0.self_attn.k_proj.bias [16]",
                "model.layers.0.self_attn.k_proj.weight [16, 32]",
                "model.layers.0.self_attn.o_proj.weight [32, 32]",
                "model.layers.0.self_attn.q_proj.bias [32]",
                "model.layers.0.self_attn.q_proj.weight [32, 32]",
                "model.layers.0.self_attn.v_proj.bias [16]",
                "model.layers.0.self_attn.v_proj.weight [16, 32]",
                "model.norm.weight [32]",
            ],
            layer0);
    }

    [Fact]
    public void Projections_Gpt2_ListEveryAdaptableLayerByPath()
    {
        TorchRuntime.Initialize(1);
        using var model = ModelFactory.Create(TinyModels.Config(ModelArchitecture.Gpt2));

        var paths = model.Projections().Select(p => p.Path).ToList();

        Assert.Equal(4 * 2 + 1, paths.Count);
        Assert.Contains("transformer.h.1.mlp.c_fc", paths);
        Assert.Equal("lm_head", paths[^1]);
        Assert.True(model.Projections().Single(p => p.Path == "lm_head").Projection.IsTied);
    }
}
