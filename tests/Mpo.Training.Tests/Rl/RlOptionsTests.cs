using System.Text.Json;
using Mpo.Core;
using Mpo.Training.Rl;

namespace Mpo.Training.Tests.Rl;

public class RlOptionsTests
{
    [Fact]
    public void Serialize_Defaults_PaperNamesAndValues()
    {
        var json = JsonDocument.Parse(JsonSerializer.Serialize(new RlOptions())).RootElement;

        Assert.Equal("ppo", json.GetProperty("algorithm").GetString());
        Assert.Equal(4, json.GetProperty("num_ppo_epochs").GetInt32());
        Assert.Equal(0.05, json.GetProperty("kl_coef").GetDouble());
        Assert.Equal("k1", json.GetProperty("kl_estimator").GetString());
        Assert.Equal(0.2, json.GetProperty("cliprange").GetDouble());
        Assert.Equal(0.2, json.GetProperty("cliprange_value").GetDouble());
        Assert.Equal(0.1, json.GetProperty("vf_coef").GetDouble());
        Assert.Equal(1.0, json.GetProperty("gamma").GetDouble());
        Assert.Equal(0.95, json.GetProperty("lam").GetDouble());
        Assert.False(json.GetProperty("whiten_rewards").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("missing_eos_penalty").ValueKind);
        Assert.Equal(0.7, json.GetProperty("temperature").GetDouble());
        Assert.Equal(53, json.GetProperty("response_length").GetInt32());
        Assert.Equal(1, json.GetProperty("num_mini_batches").GetInt32());
        Assert.Equal(5e-5, json.GetProperty("learning_rate").GetDouble());
    }

    [Fact]
    public void Deserialize_SnakeCase_RoundTrips()
    {
        var options = JsonSerializer.Deserialize<RlOptions>("""{"algorithm":"grpo","kl_estimator":"k3","kl_coef":0.02,"num_total_batches":118}""")!;

        Assert.Equal(RlAlgorithm.Grpo, options.Algorithm);
        Assert.Equal(KlEstimator.K3, options.KlEstimator);
        Assert.Equal(0.02, options.KlCoef);
        Assert.Equal(options, JsonSerializer.Deserialize<RlOptions>(JsonSerializer.Serialize(options)));
    }

    [Fact]
    public void Validate_MissingTotalBatches_NamesField()
    {
        var e = Assert.Throws<MpoInputException>(() => new RlOptions().Validate("run.json"));
        Assert.Contains("run.json", e.Message);
        Assert.Contains("'num_total_batches'", e.Message);
    }

    [Fact]
    public void Validate_GroupSizeNotDividingBatch_NamesField()
    {
        var options = new RlOptions { Algorithm = RlAlgorithm.Grpo, NumTotalBatches = 1, PerDeviceTrainBatchSize = 6, NumGenerations = 4 };
        var e = Assert.Throws<MpoInputException>(() => options.Validate());
        Assert.Contains("'num_generations'", e.Message);
    }
}
