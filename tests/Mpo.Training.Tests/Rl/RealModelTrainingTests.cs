using Mpo.Training.Checkpointing;
using Mpo.Training.Lora;
using Mpo.Training.Model;
using Mpo.Training.Rl;
using Mpo.Training.Tests.Support;
using Mpo.Training.Tests.TestModels;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Rl;

/// <summary>
/// The RL trainer on the real model classes (llama, gpt2 from the model factory), not only the test model: updates
/// run and change weights, checkpoints of the real modules resume bit-identically, and a LoRA-trained llama merges,
/// saves and loads back to the adapted network's logits.
/// </summary>
public sealed class RealModelTrainingTests : IDisposable
{
    private const long Pad = 0, Eos = 1, PromptLength = 3;
    private readonly string _root = Directory.CreateTempSubdirectory("mpo-real-rl-").FullName;

    public static TheoryData<ModelArchitecture, RlAlgorithm> Setups => new()
    {
        { ModelArchitecture.Llama, RlAlgorithm.Ppo },
        { ModelArchitecture.Llama, RlAlgorithm.Grpo },
        { ModelArchitecture.Gpt2, RlAlgorithm.Ppo },
        { ModelArchitecture.Gpt2, RlAlgorithm.Grpo },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public void Update_RealModel_RunsAndChangesWeights(ModelArchitecture architecture, RlAlgorithm algorithm)
    {
        using var rig = new Rig(architecture, Options(algorithm), lora: null);
        var before = rig.PolicyBytes();

        var stats = Enumerable.Range(0, 2).Select(_ => rig.Step()).ToList();

        var after = rig.PolicyBytes();
        Assert.Equal(2, rig.Trainer.CompletedUpdates);
        Assert.Contains(before, kv => !kv.Value.AsSpan().SequenceEqual(after[kv.Key]));
        Assert.All(before.Keys.Where(k => k.Contains("layers.0.") || k.Contains(".h.0.")), k => Assert.False(before[k].AsSpan().SequenceEqual(after[k]), $"{k} did not change"));
        Assert.NotEmpty(stats);
    }

    [Theory]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Gpt2)]
    public void Restore_RealModel_TwoPlusTwoBitIdenticalToFour(ModelArchitecture architecture)
    {
        var options = Options(RlAlgorithm.Ppo);
        using var straight = new Rig(architecture, options, lora: null);
        var straightStats = Enumerable.Range(0, 4).Select(_ => straight.Step()).ToList();

        var dir = Path.Combine(_root, architecture.ToString(), "update-000002");
        var resumedStats = new List<UpdateStats>();
        using (var first = new Rig(architecture, options, lora: null))
        {
            resumedStats.AddRange(Enumerable.Range(0, 2).Select(_ => first.Step()));
            TrainerCheckpoint.Save(dir, first.Trainer, new CheckpointContext(2, first.Generators, new Dictionary<string, long>()));
        }

        var state = TrainerCheckpoint.ReadState(dir);
        using var resumed = new Rig(architecture, state.Rl, lora: null, weightSeed: 99, initSeed: 1001);
        TrainerCheckpoint.Restore(dir, resumed.Trainer, resumed.Generators);
        resumedStats.AddRange(Enumerable.Range(0, 2).Select(_ => resumed.Step()));

        Assert.Equal(straightStats, resumedStats);
        var expected = straight.AllBytes();
        var actual = resumed.AllBytes();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(actual[kv.Key]), $"{kv.Key} differs after resume"));
    }

    [Fact]
    public void Merge_LoraTrainedLlama_SavedFolderLoadsWithAdaptedLogits()
    {
        var lora = new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 };
        using var rig = new Rig(ModelArchitecture.Llama, Options(RlAlgorithm.Ppo), lora);
        rig.Step();
        rig.Policy.eval();
        using var ids = tensor(new long[] { 2, 7, 9, 30, 4, 11 }).unsqueeze(0); // (1, 6)
        using var adapted = Logits(rig.Policy, ids);
        rig.Policy.SetAdaptersEnabled(false);
        using var baseLogits = Logits(rig.Policy, ids);
        rig.Policy.SetAdaptersEnabled(true);

        LoraInjector.Merge(rig.Policy);
        var folder = Path.Combine(_root, "merged");
        ModelFolder.Save(new LoadedModel(_root, rig.Config, rig.Policy, null, CPU, ScalarType.Float32), folder);
        using var loaded = ModelFolder.Load(folder);
        using var reloaded = Logits(loaded.Model, ids);

        Assert.False(adapted.allclose(baseLogits, rtol: 0, atol: 1e-6), "the PPO update did not move the adapters");
        Assert.True(reloaded.allclose(adapted, rtol: 1e-5, atol: 1e-5), $"max |diff| {(reloaded - adapted).abs().max().item<float>()}");
        Assert.Empty(LoraInjector.Adapters(loaded.Model));
    }

    [Fact]
    public void Merge_TiedLmHeadAdapter_RefusesAndLeavesEmbeddingsUntouched()
    {
        using var model = TinyModels.Create(ModelArchitecture.Qwen2); // tie_word_embeddings: true
        using var g = new Generator(7);
        var targets = new LoraOptions { Rank = 2, Alpha = 4, Dropout = 0, TargetModules = ["q_proj", "lm_head"] };
        LoraInjector.Attach(model, targets, g);
        foreach (var (_, adapter) in LoraInjector.Adapters(model))
        {
            using var noGrad = no_grad();
            foreach (var p in adapter.parameters())
            {
                p.fill_(0.1);
            }
        }

        var embeddingBefore = model.state_dict()["model.embed_tokens.weight"].bytes.ToArray();

        var e = Assert.Throws<InvalidOperationException>(() => LoraInjector.Merge(model));

        Assert.Contains("lm_head.weight is tied", e.Message);
        Assert.Equal(embeddingBefore, model.state_dict()["model.embed_tokens.weight"].bytes.ToArray());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RlOptions Options(RlAlgorithm algorithm) => algorithm == RlAlgorithm.Grpo
        ? new RlOptions { Algorithm = RlAlgorithm.Grpo, NumGenerations = 4, PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, Beta = 0.02, NumTotalBatches = 4, LearningRate = 1e-2, Temperature = 1.0, ResponseLength = 5, NumPpoEpochs = 2 }
        : new RlOptions { PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, NumMiniBatches = 2, NumTotalBatches = 4, LearningRate = 1e-2, Temperature = 1.0, ResponseLength = 5, NumPpoEpochs = 2 };

    private static Tensor Logits(CausalLanguageModel model, Tensor ids)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return model.forward(new CausalLmInput(ids)).Logits.MoveToOuterDisposeScope(); // (1, T, V)
    }

    /// <summary>A seeded RL setup on a real tiny model: vocab 64, reward = mean response token id / vocab.</summary>
    private sealed class Rig : IDisposable
    {
        /// <param name="weightSeed">Seeds the policy and value weights (a restore overwrites them); the reference is
        /// always the base model (seed 7), as a resumed run reloads it from the base folder.</param>
        public Rig(ModelArchitecture architecture, RlOptions options, LoraOptions? lora, ulong weightSeed = 7, long initSeed = 7)
        {
            Options = options;
            Config = TinyModels.Config(architecture);
            Policy = TinyModels.Create(architecture, weightSeed);
            using var init = new Generator((ulong)initSeed);
            if (lora is not null)
            {
                LoraInjector.Attach(Policy, lora, init);
            }
            else
            {
                Reference = TinyModels.Create(architecture, 7);
            }

            Value = options.Algorithm == RlAlgorithm.Ppo ? new ValueModel(TinyModels.Create(architecture, weightSeed), init) : null;
            Trainer = new RlTrainer(options, new RlTokenIds(Pad, Eos, Eos), Policy, Value, Reference);
        }

        public RlOptions Options { get; }

        public ModelConfig Config { get; }

        public CausalLanguageModel Policy { get; }

        public CausalLanguageModel? Reference { get; }

        public ValueModel? Value { get; }

        public RlTrainer Trainer { get; }

        public Generator Sampler { get; } = new(1234);

        public Generator Data { get; } = new(99);

        public Dictionary<string, Generator> Generators => new() { ["data"] = Data, ["sampler"] = Sampler };

        public UpdateStats Step()
        {
            using var scope = NewDisposeScope();
            int b = Options.LocalBatchSize, g = Options.Algorithm == RlAlgorithm.Ppo ? 1 : Options.NumGenerations;
            var prompts = randint(2, Config.VocabSize, [b / g, PromptLength], generator: Data); // (B/G, P)
            var queries = prompts.repeat_interleave(g, 0); // (B, P)
            var (responses, logprobs) = TestSampler.Sample(Policy, queries, Options.ResponseLength, Options.Temperature, Eos, Pad, Sampler);
            // Reward: mean response token id / vocab, so every group has spread (GRPO) and every update has signal.
            var scores = ResponseMasks.TruncateAfterStop(responses, Eos, Pad).to_type(ScalarType.Float32).mean([1]).div(Config.VocabSize);
            return Trainer.Update(new RolloutBatch(queries, responses, logprobs, scores));
        }

        public SortedDictionary<string, byte[]> PolicyBytes() => Bytes(Policy.state_dict(), "policy.");

        public SortedDictionary<string, byte[]> AllBytes()
        {
            var all = PolicyBytes();
            foreach (var kv in Bytes(Value?.state_dict() ?? [], "value."))
            {
                all[kv.Key] = kv.Value;
            }

            return all;
        }

        public void Dispose()
        {
            Trainer.Dispose();
            Sampler.Dispose();
            Data.Dispose();
            Policy.Dispose();
            Value?.Dispose();
            Reference?.Dispose();
        }

        private static SortedDictionary<string, byte[]> Bytes(IEnumerable<KeyValuePair<string, Tensor>> tensors, string prefix)
        {
            var all = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, t) in tensors)
            {
                all[prefix + name] = t.contiguous().bytes.ToArray();
            }

            return all;
        }
    }
}
