using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Training.Generation;

/// <summary>
/// Autoregressive generation for a left-padded prompt batch with a KV cache: one full forward over the prompts,
/// then one token per step for every row. Rows that have stopped keep receiving the pad id (masked out of the
/// result) so the batch stays rectangular; the loop ends when every row has stopped or after
/// <see cref="GenerationOptions.MaxNewTokens"/>.
/// </summary>
/// <remarks>
/// A row's tokens do not depend on the other rows: masks and position ids make padding invisible, and each row
/// samples from its own generator (seed <c>Seed + row</c>). Greedy batched results therefore equal one-by-one
/// results; sampled ones do too, up to float rounding differences between batch shapes that could flip a draw
/// sitting exactly on a probability boundary.
/// </remarks>
public static class TextGenerator
{
    /// <summary>Generates responses for <paramref name="prompts"/>.</summary>
    public static GenerationResult Generate(CausalLanguageModel model, PromptBatch prompts, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stop = new HashSet<long>((options.StopTokenIds ?? []).Select(i => (long)i));
        var b = (int)prompts.InputIds.shape[0];
        var device = prompts.InputIds.device;
        var generators = Enumerable.Range(0, b).Select(i => new Generator(options.Seed + (ulong)i, device)).ToList();
        var finished = new bool[b];
        var lengths = new long[b];
        var tokens = new List<Tensor>();
        var logProbs = new List<Tensor>();
        var masks = new List<Tensor>();
        using var cache = new KvCache(model.LayerCount);
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var attention = prompts.AttentionMask.alias();
        var logits = LastLogits(model.forward(new CausalLmInput(prompts.InputIds, attention, null, cache))); // (B, V)
        var lastPromptLogits = logits.clone();
        for (int step = 0; step < options.MaxNewTokens; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var (next, logProb) = TokenSampler.Pick(logits, options, generators); // (B), (B)
            var ids = next.cpu().data<long>().ToArray();
            var live = new long[b];
            for (int i = 0; i < b; i++)
            {
                if (finished[i])
                {
                    ids[i] = options.PadTokenId;
                    continue;
                }

                live[i] = 1;
                lengths[i]++;
                finished[i] = stop.Contains(ids[i]);
            }

            var liveMask = tensor(live, device: device); // (B)
            var nextIds = tensor(ids, device: device); // (B)
            tokens.Add(nextIds.MoveToOuterDisposeScope());
            masks.Add(liveMask.MoveToOuterDisposeScope());
            logProbs.Add(logProb.to(ScalarType.Float32).mul(liveMask).MoveToOuterDisposeScope());
            if (finished.All(f => f) || step == options.MaxNewTokens - 1)
            {
                break;
            }

            attention = cat([attention, ones(b, 1, ScalarType.Int64, device)], 1).MoveToOuterDisposeScope(); // (B, S + 1)
            logits = LastLogits(model.forward(new CausalLmInput(nextIds.unsqueeze(1), attention, null, cache))).MoveToOuterDisposeScope();
        }

        var result = new GenerationResult(
            stack(tokens, 1).MoveToOuterDisposeScope(), // (B, T)
            stack(logProbs, 1).MoveToOuterDisposeScope(), // (B, T)
            stack(masks, 1).MoveToOuterDisposeScope(), // (B, T)
            lengths,
            lastPromptLogits.MoveToOuterDisposeScope()); // (B, V)
        foreach (var g in generators)
        {
            g.Dispose();
        }

        return result;
    }

    private static Tensor LastLogits(CausalLmOutput output)
    {
        var t = output.Logits.shape[1];
        return output.Logits.select(1, t - 1).to(ScalarType.Float32); // (B, V)
    }
}
