using Mpo.Core;
using Mpo.Training.Checkpointing;
using Mpo.Training.Lora;
using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;

namespace Mpo.Training.Tests.Checkpointing;

public sealed class TrainerCheckpointTests : IDisposable
{
    private const int Total = 4, SaveAfter = 2;
    private readonly string _root = Directory.CreateTempSubdirectory("mpo-ckpt-").FullName;

    public static TheoryData<string> Setups => ["ppo-lora", "ppo-full", "grpo-lora"];

    [Theory]
    [MemberData(nameof(Setups))]
    public void Restore_ThenContinue_BitIdenticalToNeverStopping(string setup)
    {
        var (options, lora) = Build(setup);

        // Straight: N updates without stopping.
        using var straight = RlRig.Create(options, lora);
        var straightStats = Enumerable.Range(0, Total).Select(_ => straight.Step()).ToList();

        // Interrupted: k updates, save, drop everything, rebuild fresh objects (different init seed), restore, N − k more.
        string dir = Path.Combine(_root, setup, $"update-{SaveAfter:D6}");
        var resumedStats = new List<UpdateStats>();
        using (var first = RlRig.Create(options, lora))
        {
            resumedStats.AddRange(Enumerable.Range(0, SaveAfter).Select(_ => first.Step()));
            TrainerCheckpoint.Save(dir, first.Trainer, new CheckpointContext(SaveAfter, first.Generators, new Dictionary<string, long> { ["shuffle"] = 5 }), lora);
        }

        var state = TrainerCheckpoint.ReadState(dir);
        using var resumed = RlRig.Create(state.Rl, state.Lora, initSeed: 1001);
        TrainerCheckpoint.Restore(dir, resumed.Trainer, resumed.Generators);
        resumedStats.AddRange(Enumerable.Range(0, Total - SaveAfter).Select(_ => resumed.Step()));

        Assert.Equal(SaveAfter, state.DataCursor);
        Assert.Equal(5, state.Seeds["shuffle"]);
        Assert.Equal(straightStats, resumedStats);
        var expected = straight.ParameterBytes();
        var actual = resumed.ParameterBytes();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(actual[kv.Key]), $"{kv.Key} differs after resume"));
    }

    [Fact]
    public void Save_Manifest_ListsEveryFileWithHashAndIsWrittenLast()
    {
        var (options, lora) = Build("ppo-lora");
        using var rig = RlRig.Create(options, lora);
        rig.Step();
        string dir = Path.Combine(_root, "manifest");

        var manifest = TrainerCheckpoint.Save(dir, rig.Trainer, new CheckpointContext(1, rig.Generators, new Dictionary<string, long>()), lora);

        Assert.Equal(
            ["optimizer.bin", "policy/adapter_config.json", "policy/adapter_model.safetensors", "rng/data.bin", "rng/sampler.bin",
             "rng/trainer.bin", "trainer_state.json", "value/model.safetensors"],
            manifest.Files.Select(f => f.Path));
        Assert.Equal(1, manifest.Update);
        Assert.All(manifest.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.All(manifest.Files, f => Assert.True(File.GetLastWriteTimeUtc(Path.Combine(dir, f.Path)) <= File.GetLastWriteTimeUtc(Path.Combine(dir, CheckpointManifest.FileName))));
        Assert.DoesNotContain(":", File.ReadAllText(Path.Combine(dir, TrainerState.FileName)).Split('\n').Where(l => l.Contains("time", StringComparison.OrdinalIgnoreCase)));
        Assert.Throws<InvalidOperationException>(() => TrainerCheckpoint.Save(dir, rig.Trainer, new CheckpointContext(1, rig.Generators, new Dictionary<string, long>()), lora));
    }

    [Fact]
    public void Verify_AlteredFile_NamesIt()
    {
        var (options, lora) = Build("grpo-lora");
        using var rig = RlRig.Create(options, lora);
        string dir = Path.Combine(_root, "tamper");
        TrainerCheckpoint.Save(dir, rig.Trainer, new CheckpointContext(0, rig.Generators, new Dictionary<string, long>()), lora);
        string victim = Path.Combine(dir, "optimizer.bin");
        var bytes = File.ReadAllBytes(victim);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(victim, bytes);

        var e = Assert.Throws<MpoInputException>(() => TrainerCheckpoint.ReadState(dir));

        Assert.Contains("'optimizer.bin'", e.Message);
    }

    [Fact]
    public void ReadState_NoManifest_SaysIncomplete()
    {
        string dir = Directory.CreateDirectory(Path.Combine(_root, "partial")).FullName;
        File.WriteAllText(Path.Combine(dir, TrainerState.FileName), "{}");

        var e = Assert.Throws<MpoInputException>(() => TrainerCheckpoint.ReadState(dir));

        Assert.Contains("no manifest", e.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (RlOptions Options, LoraOptions? Lora) Build(string setup)
    {
        var lora = setup.EndsWith("-lora", StringComparison.Ordinal) ? new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 } : null;
        var options = setup.StartsWith("grpo", StringComparison.Ordinal)
            ? new RlOptions { Algorithm = RlAlgorithm.Grpo, NumGenerations = 4, PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, Beta = 0.02 }
            : new RlOptions { PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, NumMiniBatches = 2 };
        return (options with { NumTotalBatches = Total, LearningRate = 1e-2, Temperature = 1.0, ResponseLength = 5, NumPpoEpochs = 2 }, lora);
    }
}
