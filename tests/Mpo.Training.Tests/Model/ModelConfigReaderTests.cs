using System.Text.Json.Nodes;
using Mpo.Core;
using Mpo.Training.Model;

namespace Mpo.Training.Tests.Model;

public class ModelConfigReaderTests
{
    [Fact]
    public void Parse_Gpt2Names_MapToTheCommonShape()
    {
        var config = Parse("""{"model_type":"gpt2","vocab_size":50257,"n_embd":768,"n_layer":12,"n_head":12,"n_positions":1024}""");

        Assert.Equal(ModelArchitecture.Gpt2, config.Architecture);
        Assert.Equal((768L, 3072L, 12, 12, 1024L), (config.HiddenSize, config.IntermediateSize, config.LayerCount, config.HeadCount, config.MaxPositions));
        Assert.True(config.TieWordEmbeddings);
        Assert.Equal(1e-5, config.NormEpsilon);
    }

    [Fact]
    public void Parse_QwenWithoutKvHeads_DefaultsToQueryHeadsAndBias()
    {
        var config = Parse("""{"model_type":"qwen2","vocab_size":10,"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""");

        Assert.Equal(2, config.KeyValueHeadCount);
        Assert.True(config.AttentionBias);
        Assert.Equal(4, config.HeadDim);
    }

    [Theory]
    [InlineData("""{"model_type":"mistral"}""", "field 'model_type' is 'mistral'")]
    [InlineData("""{"vocab_size":1}""", "field 'model_type' is missing")]
    [InlineData("""{"model_type":"llama","vocab_size":10,"hidden_size":8,"num_hidden_layers":1,"num_attention_heads":2}""", "field 'intermediate_size' is missing")]
    [InlineData("""{"model_type":"llama","vocab_size":"ten","hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""", "field 'vocab_size': expected a number")]
    [InlineData("""{"model_type":"llama","vocab_size":10,"hidden_size":9,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""", "field 'hidden_size': 9 is not a multiple")]
    public void Parse_BadField_NamesFileAndField(string json, string expected)
    {
        var error = Assert.Throws<MpoInputException>(() => Parse(json));

        Assert.Contains("dir/config.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static ModelConfig Parse(string json) => ModelConfigReader.Parse((JsonObject)JsonNode.Parse(json)!, "dir/config.json");
}
