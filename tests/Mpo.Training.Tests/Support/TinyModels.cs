using System.Text.Json.Nodes;
using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Support;

/// <summary>Tiny configs of each family with seeded random weights, built in-process (no files).</summary>
internal static class TinyModels
{
    public static ModelConfig Config(ModelArchitecture architecture)
    {
        var json = architecture switch
        {
            ModelArchitecture.Gpt2 => """{"model_type":"gpt2","vocab_size":64,"n_embd":32,"n_layer":2,"n_head":4,"n_positions":64}""",
            ModelArchitecture.Qwen2 => """{"model_type":"qwen2","vocab_size":64,"hidden_size":32,"intermediate_size":48,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"rope_theta":1000000.0,"tie_word_embeddings":true,"max_position_embeddings":64}""",
            _ => """{"model_type":"llama","vocab_size":64,"hidden_size":32,"intermediate_size":48,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"rope_theta":10000.0,"max_position_embeddings":64}""",
        };
        return ModelConfigReader.Parse((JsonObject)JsonNode.Parse(json)!, "tiny config.json");
    }

    /// <summary>A model whose every parameter is drawn from N(0, 1/fan_in) (norm weights around 1) with a fixed seed.</summary>
    public static CausalLanguageModel Create(ModelArchitecture architecture, ulong seed = 7)
    {
        TorchRuntime.Initialize(1);
        var model = ModelFactory.Create(Config(architecture));
        using var generator = new Generator(seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            using var scope = NewDisposeScope();
            var isNorm = name.Contains("norm") || name.Contains("ln_");
            var fanIn = p.shape.Length == 2 && !name.Contains("embed") && !name.Contains("wte") && !name.Contains("wpe") ? p.shape[1] : 1;
            var noise = randn(p.shape, generator: generator).div_(Math.Sqrt(fanIn));
            p.copy_(isNorm && name.EndsWith("weight") ? noise.mul_(0.1).add_(1) : noise);
        }

        model.eval();
        return model;
    }
}
