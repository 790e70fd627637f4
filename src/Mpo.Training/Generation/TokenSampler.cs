using static TorchSharp.torch;

namespace Mpo.Training.Generation;

/// <summary>
/// Picks the next token per row from logits: greedy, or sampled after temperature, top-k and top-p filtering, with a
/// generator per row so that a row's draws do not depend on the other rows of the batch.
/// </summary>
public static class TokenSampler
{
    /// <summary>Picks next tokens.</summary>
    /// <param name="logits">(B, V) float32 logits.</param>
    /// <param name="options">Sampling settings.</param>
    /// <param name="generators">One generator per row (unused when greedy).</param>
    /// <returns>Next ids (B) long, and their log-probs (B) under <c>log_softmax(logits / temperature)</c>.</returns>
    public static (Tensor Next, Tensor LogProb) Pick(Tensor logits, GenerationOptions options, IReadOnlyList<Generator> generators)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        var temperature = options.Greedy ? 1.0 : options.Temperature;
        var scaled = logits.div(temperature); // (B, V)
        var logProbs = scaled.log_softmax(-1); // (B, V)
        Tensor next;
        if (options.Greedy)
        {
            next = scaled.argmax(-1); // (B)
        }
        else
        {
            var filtered = TopP(TopK(scaled, options.TopK), options.TopP);
            var probs = filtered.softmax(-1); // (B, V)
            var rows = new Tensor[probs.shape[0]];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = probs[i].multinomial(1, generator: generators[i]); // (1)
            }

            next = cat(rows, 0); // (B)
        }

        var chosen = logProbs.gather(1, next.unsqueeze(1)).squeeze(1); // (B)
        return (next.MoveToOuterDisposeScope(), chosen.MoveToOuterDisposeScope());
    }

    /// <summary>Keeps the <paramref name="k"/> largest logits per row (ties with the k-th kept); 0 keeps all.</summary>
    public static Tensor TopK(Tensor logits, int k)
    {
        if (k <= 0 || k >= logits.shape[^1])
        {
            return logits.alias();
        }

        using var scope = NewDisposeScope();
        var kth = logits.topk(k, -1).values.narrow(-1, k - 1, 1); // (B, 1)
        return logits.masked_fill(logits.lt(kth), double.NegativeInfinity).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keeps, per row, the most likely tokens until their probability reaches <paramref name="p"/> (the token that
    /// crosses it included, and always the top one); 1 keeps all.
    /// </summary>
    public static Tensor TopP(Tensor logits, double p)
    {
        if (p >= 1)
        {
            return logits.alias();
        }

        using var scope = NewDisposeScope();
        var (sorted, order) = logits.sort(-1, descending: true); // (B, V) each
        var probs = sorted.softmax(-1);
        var before = probs.cumsum(-1).sub_(probs); // mass of strictly more likely tokens, (B, V)
        var dropSorted = before.ge(p); // (B, V); column 0 has mass 0, so the top token stays
        var drop = zeros_like(dropSorted).scatter_(-1, order, dropSorted); // back to vocabulary order
        return logits.masked_fill(drop, double.NegativeInfinity).MoveToOuterDisposeScope();
    }
}
