using Mpo.Core;
using Mpo.Training.Lora;
using Mpo.Training.Model;
using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Lora;

public class LoraInjectorTests
{
    private static readonly LoraOptions Options = new() { Rank = 4, Alpha = 8, Dropout = 0 };

    public LoraInjectorTests() => TorchRuntime.Initialize(threads: 1);

    [Fact]
    public void Attach_ZeroInitB_LeavesLogitsBitIdentical()
    {
        using var model = new TinyCausalLm(8, 16, 9, seed: 3);
        using var before = Logits(model);
        using var g = new Generator(7);

        LoraInjector.Attach(model, Options, g);

        using var after = Logits(model);
        Assert.Equal(before.bytes.ToArray(), after.bytes.ToArray());
    }

    [Fact]
    public void Attach_AllTargets_FreezesBaseAndTrainsAdapters()
    {
        using var model = new TinyCausalLm(8, 16, 9, seed: 3);
        using var g = new Generator(7);

        var attached = LoraInjector.Attach(model, Options, g);

        Assert.Equal(7, attached.Count); // q k v o up down lm_head
        Assert.All(model.named_parameters(), p => Assert.Equal(p.name.Contains(".adapter.", StringComparison.Ordinal), p.parameter.requires_grad));
    }

    [Fact]
    public void SetAdaptersEnabled_Off_EqualsBaseNetwork()
    {
        using var model = new TinyCausalLm(8, 16, 9, seed: 3);
        using var baseLogits = Logits(model);
        AttachRandomised(model);
        using var adapted = Logits(model);

        model.SetAdaptersEnabled(false);
        using var off = Logits(model);

        Assert.NotEqual(baseLogits.bytes.ToArray(), adapted.bytes.ToArray());
        Assert.Equal(baseLogits.bytes.ToArray(), off.bytes.ToArray());
    }

    [Fact]
    public void Merge_FoldsAdapters_SameLogitsWithoutAdapters()
    {
        using var model = new TinyCausalLm(8, 16, 9, seed: 3);
        AttachRandomised(model);
        using var adapted = Logits(model);

        LoraInjector.Merge(model);

        using var merged = Logits(model);
        Assert.Empty(LoraInjector.Adapters(model));
        Assert.True(merged.allclose(adapted, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void PeftTensors_Names_PeftLayoutAndShapes()
    {
        using var model = new TinyCausalLm(8, 16, 9, seed: 3);
        using var g = new Generator(7);
        LoraInjector.Attach(model, Options with { TargetModules = ["q_proj", "lm_head"] }, g);

        var tensors = LoraInjector.PeftTensors(model);

        Assert.Equal(
            ["base_model.model.lm_head.lora_A.weight", "base_model.model.lm_head.lora_B.weight",
             "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"],
            tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([4L, 16], tensors["base_model.model.lm_head.lora_A.weight"].shape); // (r, in)
        Assert.Equal([8L, 4], tensors["base_model.model.lm_head.lora_B.weight"].shape); // (out, r)
    }

    [Fact]
    public void Attach_NoMatchingTarget_NamesField()
    {
        using var model = new TinyCausalLm(8, 16, 9, seed: 3);
        using var g = new Generator(7);

        var e = Assert.Throws<MpoInputException>(() => LoraInjector.Attach(model, Options with { TargetModules = LoraOptions.Gpt2Targets.Except(["lm_head"]).ToList() }, g));

        Assert.Contains("'target_modules'", e.Message);
    }

    [Fact]
    public void AdapterConfig_WriteRead_RoundTripsPeftKeys()
    {
        string path = Path.Combine(Path.GetTempPath(), $"adapter_config_{Environment.ProcessId}_{Guid.NewGuid():N}.json");
        try
        {
            AdapterConfig.Write(path, Options);
            string text = File.ReadAllText(path);
            var read = AdapterConfig.Read(path);

            Assert.Contains("\"peft_type\": \"LORA\"", text);
            Assert.Equal((4, 8.0, "none"), (read.Rank, read.Alpha, read.Bias));
            Assert.Equal(Options.TargetModules.Order(StringComparer.Ordinal), read.TargetModules);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AdapterFiles_SaveLoadIntoFreshAdapters_SameLogits()
    {
        string dir = Directory.CreateTempSubdirectory("mpo-lora-").FullName;
        try
        {
            using var trained = new TinyCausalLm(8, 16, 9, seed: 3);
            AttachRandomised(trained);
            using var expected = Logits(trained);
            LoraAdapterFiles.Save(dir, trained, Options);
            using var fresh = new TinyCausalLm(8, 16, 9, seed: 3);
            using var g = new Generator(555);
            LoraInjector.Attach(fresh, Options, g);

            LoraAdapterFiles.Load(dir, fresh);

            using var actual = Logits(fresh);
            Assert.Equal(expected.bytes.ToArray(), actual.bytes.ToArray());
            Assert.True(File.Exists(Path.Combine(dir, AdapterConfig.FileName)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AttachRandomised(TinyCausalLm model)
    {
        using var g = new Generator(7);
        foreach (var (_, adapter) in LoraInjector.Attach(model, Options, g))
        {
            using var _ = no_grad();
            adapter.B.uniform_(-0.5, 0.5, g);
        }
    }

    private static Tensor Logits(CausalLanguageModel model)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = tensor(new long[] { 0, 2, 3, 4, 5, 6, 7, 2, 3 }).reshape(1, 9);
        return model.forward(PolicyForward.Inputs(ids, 0)).Logits.MoveToOuterDisposeScope();
    }
}
