using System.Diagnostics;
using Mpo.Training.Generation;
using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Training.Benchmarks;

/// <summary>One round's timings of one implementation, in milliseconds.</summary>
/// <param name="TrainStepMs">Each forward + backward + grad-norm clip + AdamW step.</param>
/// <param name="SampleCacheMs">Sampling <c>NewTokens</c> per row with the KV cache (prompt prefill included).</param>
/// <param name="SampleNoCacheMs">The same without a cache: every step re-runs the whole sequence.</param>
public sealed record PolicyRoundTimings(IReadOnlyList<double> TrainStepMs, double SampleCacheMs, double SampleNoCacheMs);

/// <summary>
/// The TorchSharp side of <c>mpo bench policy</c>: the project's own <see cref="LlamaForCausalLm"/>, AdamW and
/// <see cref="TextGenerator"/> on the fixed workload, timed round by round so it can alternate with PyTorch.
/// </summary>
/// <remarks>
/// The step is what an RL update does per mini-batch: a causal-LM forward over (B, T), token cross-entropy, backward,
/// grad-norm clipping at 1 and AdamW. Each step runs in its own dispose scope so native memory stays flat.
/// </remarks>
public sealed class TorchSharpPolicyBenchmark : IDisposable
{
    private readonly PolicyBenchmarkShape _shape;
    private readonly CausalLanguageModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _ids;
    private readonly PromptBatch _prompts;
    private readonly Generator _generator;

    /// <summary>Builds the model with seeded random weights (N(0, 1/fan_in), norms 1) and the fixed batches.</summary>
    public TorchSharpPolicyBenchmark(PolicyBenchmarkShape shape, ulong seed = 1234)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = shape;
        _model = ModelFactory.Create(shape.Config());
        _generator = new Generator(seed);
        using (no_grad())
        {
            foreach (var (name, p) in _model.named_parameters())
            {
                using var scope = NewDisposeScope();
                if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    p.fill_(1);
                    continue;
                }

                var fanIn = name.Contains("embed", StringComparison.Ordinal) ? 1 : p.shape[1];
                p.copy_(randn(p.shape, generator: _generator).div_(Math.Sqrt(fanIn)));
            }
        }

        _model.train();
        _optimizer = optim.AdamW(_model.parameters(), lr: 1e-4);
        _ids = randint(shape.VocabSize, [shape.Batch, shape.SequenceLength], generator: _generator); // (B, T)
        var prompt = randint(shape.VocabSize, [shape.Batch, shape.PromptLength], generator: _generator); // (B, P)
        _prompts = new PromptBatch(prompt, ones_like(prompt));
    }

    /// <summary>The model's named weights (Hugging Face names), for the PyTorch side to load the same ones.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> Weights() =>
        _model.state_dict().Select(kv => (kv.Key, kv.Value));

    /// <summary>Parameter count.</summary>
    public long ParameterCount => _model.parameters().Sum(p => p.numel());

    /// <summary>One untimed step and a short sampling run (allocator, optimizer state, first-call costs).</summary>
    public void WarmUp()
    {
        TrainStep();
        Sample(2, useCache: true);
    }

    /// <summary>Runs one round: the training steps, then sampling with and without the KV cache.</summary>
    public PolicyRoundTimings Round()
    {
        var steps = Enumerable.Range(0, _shape.TrainStepsPerRound).Select(_ => Timed(TrainStep)).ToList();
        var cached = Timed(() => Sample(_shape.NewTokens, useCache: true));
        var uncached = Timed(() => Sample(_shape.NewTokens, useCache: false));
        return new PolicyRoundTimings(steps, cached, uncached);
    }

    private void TrainStep()
    {
        using var scope = NewDisposeScope();
        var logits = _model.forward(new CausalLmInput(_ids)).Logits; // (B, T, V)
        var v = logits.shape[2];
        var loss = nn.functional.cross_entropy(
            logits[.., ..^1].reshape(-1, v), // (B·(T−1), V)
            _ids[.., 1..].reshape(-1)); // (B·(T−1))
        loss.backward();
        nn.utils.clip_grad_norm_(_model.parameters(), 1.0);
        _optimizer.step();
        _optimizer.zero_grad();
    }

    private void Sample(int newTokens, bool useCache)
    {
        var options = new GenerationOptions { MaxNewTokens = newTokens, Temperature = 0.7, Seed = 5 };
        if (useCache)
        {
            using var result = TextGenerator.Generate(_model, _prompts, options);
            return;
        }

        // Without a cache: every step runs the whole (B, P + t) sequence and samples from its last position.
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ids = _prompts.InputIds.alias(); // (B, P)
        for (int step = 0; step < newTokens; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = _model.forward(new CausalLmInput(ids)).Logits; // (B, S, V)
            var last = logits.select(1, logits.shape[1] - 1); // (B, V)
            var next = last.div(options.Temperature).softmax(-1).multinomial(1, generator: _generator); // (B, 1)
            ids = cat([ids, next], 1).MoveToOuterDisposeScope(); // (B, S + 1)
        }
    }

    private static double Timed(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _ids.Dispose();
        _prompts.Dispose();
        _generator.Dispose();
    }
}
