using static TorchSharp.torch;

namespace Mpo.Training.Rl;

public sealed partial class RlTrainer
{
    // Steps 3–11 of the method page for PPO, in TRL's numbered order.
    private PreparedBatch PreparePpo(RolloutBatch batch)
    {
        var (qr, ctx) = (cat([batch.QueryIds, batch.ResponseIds], 1), batch.QueryIds.shape[1]); // (B, L)
        var refLogprobs = ReferenceLogprobs(qr, ctx); // 3.
        var (post, seqLen, padMask) = Truncate(batch.ResponseIds); // 4.
        var values = Chunked(qr, c => ValueModel!.forward(PolicyForward.Inputs(c, Tokens.PadTokenId))[.., (int)(ctx - 1)..^1]); // 5. (B, T)
        var (scores, containEos) = PenalisedScores(batch.Scores, post); // 7.
        var logprobs = ResponseMasks.MaskLogprobs(batch.Logprobs, padMask); // 8.
        refLogprobs = ResponseMasks.MaskLogprobs(refLogprobs, padMask);
        var padMaskP1 = ResponseMasks.PaddingMask(seqLen, post.shape[1], 1);
        values = values.masked_fill(padMaskP1, 0);
        var kl = KlPenalty.PerTokenKl(logprobs, refLogprobs, Options.KlEstimator); // 9.
        var (rewards, nonScore) = KlPenalty.PerTokenRewards(kl, Options.KlCoef, scores, seqLen);
        if (Options.WhitenRewards) // 10.
        {
            rewards = MaskedStats.MaskedWhiten(rewards, padMaskP1.logical_not(), shiftMean: false).masked_fill(padMaskP1, 0);
        }

        var (advantages, returns) = Gae.Compute(rewards, values, Options.Gamma, Options.Lam); // 11.
        advantages = Gae.WhitenAdvantages(advantages, padMask);
        return new PreparedBatch
        {
            QueryResponses = qr, ContextLength = ctx, Responses = batch.ResponseIds, OldLogprobs = logprobs, PaddingMask = padMask,
            Advantages = advantages, Values = values, Returns = returns, PaddingMaskP1 = padMaskP1,
            Summary = Summarise(scores, kl, nonScore, logprobs, padMask, containEos),
        };
    }

    // GRPO and RLOO: reference log-probs, truncation and scores as PPO; advantages from the group instead of a critic.
    private PreparedBatch PrepareGroup(RolloutBatch batch)
    {
        var (qr, ctx) = (cat([batch.QueryIds, batch.ResponseIds], 1), batch.QueryIds.shape[1]);
        var (post, _, padMask) = Truncate(batch.ResponseIds);
        var (scores, containEos) = PenalisedScores(batch.Scores, post);
        var logprobs = ResponseMasks.MaskLogprobs(batch.Logprobs, padMask);
        var refLogprobs = ResponseMasks.MaskLogprobs(ReferenceLogprobs(qr, ctx), padMask);
        var kl = KlPenalty.PerTokenKl(logprobs, refLogprobs, Options.KlEstimator);
        var nonScore = Options.Algorithm == RlAlgorithm.Rloo ? kl * -Options.KlCoef : zeros_like(kl);
        var advantages = Options.Algorithm == RlAlgorithm.Rloo
            ? GroupAdvantages.Rloo(scores + nonScore.sum(1), Options.NumGenerations)
            : GroupAdvantages.Grpo(scores, Options.NumGenerations);
        return new PreparedBatch
        {
            QueryResponses = qr, ContextLength = ctx, Responses = batch.ResponseIds, OldLogprobs = logprobs, PaddingMask = padMask,
            Advantages = advantages, RefLogprobs = refLogprobs,
            Summary = Summarise(scores, kl, nonScore, logprobs, padMask, containEos),
        };
    }

    private Tensor ReferenceLogprobs(Tensor queryResponses, long ctx)
    {
        if (_reference is not null)
        {
            return Chunked(queryResponses, c => PolicyForward.ResponseLogprobs(_reference, c, ctx, Tokens.PadTokenId, Options.Temperature));
        }

        Policy.SetAdaptersEnabled(false);
        try
        {
            return Chunked(queryResponses, c => PolicyForward.ResponseLogprobs(Policy, c, ctx, Tokens.PadTokenId, Options.Temperature));
        }
        finally
        {
            Policy.SetAdaptersEnabled(true);
        }
    }

    private (Tensor Truncated, Tensor SequenceLengths, Tensor PaddingMask) Truncate(Tensor responses)
    {
        var post = Tokens.StopTokenId is { } stop ? ResponseMasks.TruncateAfterStop(responses, stop, Tokens.PadTokenId) : responses;
        var seqLen = ResponseMasks.SequenceLengths(post, Tokens.PadTokenId);
        return (post, seqLen, ResponseMasks.PaddingMask(seqLen, post.shape[1]));
    }

    private (Tensor Scores, Tensor ContainEos) PenalisedScores(Tensor rawScores, Tensor truncated)
    {
        var containEos = ResponseMasks.Contains(truncated, Tokens.EosTokenId);
        var scores = rawScores.to_type(ScalarType.Float32);
        if (Options.MissingEosPenalty is { } penalty)
        {
            scores = where(containEos, scores, scores - penalty);
        }

        return (scores, containEos);
    }

    private Tensor Chunked(Tensor rows, Func<Tensor, Tensor> forward)
    {
        long b = rows.shape[0];
        int chunk = Options.LocalRolloutForwardBatchSize;
        var parts = new List<Tensor>();
        for (long start = 0; start < b; start += chunk)
        {
            parts.Add(forward(rows.narrow(0, start, Math.Min(chunk, b - start))));
        }

        return cat(parts, 0);
    }

    private static RolloutSummary Summarise(Tensor scores, Tensor kl, Tensor nonScore, Tensor logprobs, Tensor padMask, Tensor containEos)
    {
        var valid = padMask.logical_not();
        return new RolloutSummary(
            scores.mean().item<float>(),
            kl.sum(1).mean().item<float>(),
            nonScore.sum(1).mean().item<float>(),
            (-logprobs).masked_fill(padMask, 0).sum(1).mean().item<float>(),
            valid.to_type(ScalarType.Float32).sum(1).mean().item<float>(),
            (int)containEos.sum().item<long>());
    }
}
