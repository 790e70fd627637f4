using Mpo.Training.Lora;
using Mpo.Training.Rl;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.TestModels;

/// <summary>
/// A complete tiny RL setup: vocab 8 (0 pad, 1 EOS), prompts of 3 random tokens, responses of up to 6 tokens, reward =
/// share of response slots holding token 5. Everything is seeded; <see cref="Step"/> samples, scores and updates.
/// </summary>
internal sealed class RlRig : IDisposable
{
    public const long Vocab = 8, Hidden = 16, PromptLength = 3, Pad = 0, Eos = 1, Target = 5;

    private RlRig(RlOptions options, TinyCausalLm policy, ValueModel? value, TinyCausalLm? reference, LoraOptions? lora)
    {
        Options = options;
        Policy = policy;
        Value = value;
        Reference = reference;
        Lora = lora;
        Trainer = new RlTrainer(options, new RlTokenIds(Pad, Eos, Eos), policy, value, reference);
    }

    public RlOptions Options { get; }

    public TinyCausalLm Policy { get; }

    public ValueModel? Value { get; }

    public TinyCausalLm? Reference { get; }

    public LoraOptions? Lora { get; }

    public RlTrainer Trainer { get; }

    public Generator Sampler { get; } = new(1234);

    public Generator Data { get; } = new(99);

    public Dictionary<string, Generator> Generators => new() { ["data"] = Data, ["sampler"] = Sampler };

    /// <summary>Builds the rig; <paramref name="initSeed"/> seeds the LoRA A init and the value head (restore overwrites them).</summary>
    public static RlRig Create(RlOptions options, LoraOptions? lora, long initSeed = 7)
    {
        TorchRuntime.Initialize(threads: 1);
        long maxPositions = PromptLength + options.ResponseLength;
        var policy = new TinyCausalLm(Vocab, Hidden, maxPositions, seed: 3);
        TinyCausalLm? reference = null;
        using var init = new Generator((ulong)initSeed);
        if (lora is not null)
        {
            LoraInjector.Attach(policy, lora, init);
        }
        else
        {
            reference = new TinyCausalLm(Vocab, Hidden, maxPositions, seed: 3);
        }

        var value = options.Algorithm == RlAlgorithm.Ppo
            ? new ValueModel(new TinyCausalLm(Vocab, Hidden, maxPositions, seed: 3), init)
            : null;
        return new RlRig(options, policy, value, reference, lora);
    }

    public UpdateStats Step()
    {
        using var scope = NewDisposeScope();
        var (queries, responses, logprobs) = Rollout();
        var scores = TestSampler.TargetShare(responses, Target, Eos, Pad);
        return Trainer.Update(new RolloutBatch(queries, responses, logprobs, scores));
    }

    public (Tensor Queries, Tensor Responses, Tensor Logprobs) Rollout()
    {
        int b = Options.LocalBatchSize, g = Options.Algorithm == RlAlgorithm.Ppo ? 1 : Options.NumGenerations;
        var prompts = randint(2, Vocab, [b / g, PromptLength], generator: Data); // (B/G, P)
        var queries = prompts.repeat_interleave(g, 0); // (B, P): group by group
        var (responses, logprobs) = TestSampler.Sample(Policy, queries, Options.ResponseLength, Options.Temperature, Eos, Pad, Sampler);
        return (queries, responses, logprobs);
    }

    /// <summary>Every parameter and buffer of the policy and value model, by name, as raw bytes.</summary>
    public SortedDictionary<string, byte[]> ParameterBytes()
    {
        var all = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, t) in Policy.state_dict())
        {
            all["policy." + name] = t.contiguous().bytes.ToArray();
        }

        foreach (var (name, t) in Value?.state_dict() ?? [])
        {
            all["value." + name] = t.contiguous().bytes.ToArray();
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
}
