using Mpo.Training.Lora;
using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;
using Xunit.Abstractions;

namespace Mpo.Training.Tests.Rl;

/// <summary>End-to-end updates on the tiny policy: the reward must rise and every trainable parameter must move.</summary>
public class RlTrainerTrainingTests(ITestOutputHelper output)
{
    private static RlOptions PpoOptions(int updates) => new()
    {
        NumTotalBatches = updates, LearningRate = 3e-2, Temperature = 1.0, ResponseLength = 6,
        PerDeviceTrainBatchSize = 8, GradientAccumulationSteps = 2,
    };

    [Fact(Timeout = 60_000)]
    public async Task Update_PpoFullPolicy_RaisesTargetTokenReward()
    {
        await Task.Yield();
        using var rig = RlRig.Create(PpoOptions(20), lora: null);

        var stats = Enumerable.Range(0, 20).Select(_ => rig.Step()).ToList();

        double first = stats.Take(3).Average(s => s.MeanScore), last = stats.TakeLast(5).Average(s => s.MeanScore);
        output.WriteLine($"mean reward {first:F3} -> {last:F3}");
        Assert.True(last > first + 0.3, $"mean reward went from {first:F3} to {last:F3}");
        Assert.All(stats, s => Assert.NotNull(s.ValueLoss));
        Assert.Equal(3e-2 * (20 - 19) / 20, stats[^1].LearningRate, 12); // linear decay: update 20 of 20
    }

    [Fact(Timeout = 60_000)]
    public async Task Update_GrpoWithLora_RaisesTargetTokenReward()
    {
        await Task.Yield();
        var options = new RlOptions
        {
            Algorithm = RlAlgorithm.Grpo, NumTotalBatches = 40, LearningRate = 1e-2, Temperature = 1.0, ResponseLength = 6,
            PerDeviceTrainBatchSize = 16, NumGenerations = 4, Beta = 0.02, NumPpoEpochs = 2,
        };
        using var rig = RlRig.Create(options, new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 });

        var stats = Enumerable.Range(0, 40).Select(_ => rig.Step()).ToList();

        double first = stats.Take(3).Average(s => s.MeanScore), last = stats.TakeLast(5).Average(s => s.MeanScore);
        output.WriteLine($"mean reward {first:F3} -> {last:F3}");
        Assert.True(last > first + 0.3, $"mean reward went from {first:F3} to {last:F3}");
        Assert.All(stats, s => Assert.Null(s.ValueLoss));
    }

    [Fact]
    public void Update_RlooWithLora_RunsAndReportsSequenceKl()
    {
        var options = new RlOptions
        {
            Algorithm = RlAlgorithm.Rloo, NumTotalBatches = 3, LearningRate = 1e-2, Temperature = 1.0, ResponseLength = 6,
            PerDeviceTrainBatchSize = 8, NumGenerations = 2,
        };
        using var rig = RlRig.Create(options, new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 });

        var stats = Enumerable.Range(0, 3).Select(_ => rig.Step()).ToList();

        Assert.Equal(0.0, stats[0].MeanKl, 6); // adapters start at B = 0: policy = reference
        Assert.NotEqual(0.0, stats[^1].MeanKl);
        Assert.All(stats, s => Assert.Equal(4, s.OptimizerSteps)); // 4 epochs × 1 mini-batch
    }

    [Fact]
    public void Update_PpoWithLora_EveryTrainableParameterChanges_BaseFrozen()
    {
        using var rig = RlRig.Create(PpoOptions(5), new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 });
        var before = rig.ParameterBytes();

        for (int i = 0; i < 5; i++)
        {
            rig.Step();
        }

        var after = rig.ParameterBytes();
        foreach (var (name, bytes) in before)
        {
            // value model trained in full except its unused LM head; policy: adapters only
            bool trainable = (name.StartsWith("value.", StringComparison.Ordinal) && name != "value.backbone.lm_head.weight")
                || name.Contains(".adapter.", StringComparison.Ordinal);
            Assert.True(trainable != bytes.AsSpan().SequenceEqual(after[name]), $"{name}: trainable {trainable} but changed {!trainable}");
        }
    }

    [Fact]
    public void Update_GradientAccumulation_OneStepPerMiniBatch()
    {
        using var rig = RlRig.Create(PpoOptions(2) with { NumMiniBatches = 2, PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 4 }, lora: null);

        var stats = rig.Step();

        // micro-batches per update = 4 epochs × 4 = 16; the optimizer steps every 4 (gradient_accumulation_steps)
        Assert.Equal(4, stats.OptimizerSteps);
        Assert.Equal(1, stats.Update);
    }

    [Fact]
    public void Constructor_NoAdaptersNoReference_Throws()
    {
        using var policy = new TinyCausalLm(8, 16, 9, seed: 3);

        var e = Assert.Throws<ArgumentException>(() => new RlTrainer(new RlOptions { Algorithm = RlAlgorithm.Grpo, NumTotalBatches = 1 }, new RlTokenIds(0, 1, 1), policy));

        Assert.Contains("reference", e.Message);
    }

    [Fact]
    public void Constructor_PadEqualsEos_Throws()
    {
        using var policy = new TinyCausalLm(8, 16, 9, seed: 3);
        using var reference = new TinyCausalLm(8, 16, 9, seed: 3);

        Assert.Throws<ArgumentException>(() => new RlTrainer(new RlOptions { Algorithm = RlAlgorithm.Grpo, NumTotalBatches = 1 }, new RlTokenIds(1, 1, 1), policy, reference: reference));
    }
}
