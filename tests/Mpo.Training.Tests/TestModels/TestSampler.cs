using Mpo.Training.Model;
using Mpo.Training.Rl;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.TestModels;

/// <summary>Full-recompute ancestral sampling for tests: ids and log-probs of logits/(T + 1e-7), pad after EOS.</summary>
internal static class TestSampler
{
    public static (Tensor Responses, Tensor Logprobs) Sample(
        CausalLanguageModel model, Tensor queries, int length, double temperature, long eos, long pad, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var seq = queries;
        var finished = zeros(queries.shape[0], dtype: ScalarType.Bool);
        var logprobs = new List<Tensor>();
        for (int i = 0; i < length; i++)
        {
            var logits = model.forward(PolicyForward.Inputs(seq, pad)).Logits[.., -1, ..] / (temperature + 1e-7); // (B, V)
            var next = multinomial(logits.softmax(-1), 1, false, generator); // (B, 1)
            logprobs.Add(logits.log_softmax(-1).gather(-1, next).squeeze(-1));
            next = where(finished.unsqueeze(1), full_like(next, pad), next);
            finished = finished.logical_or(next.squeeze(1).eq(eos));
            seq = cat([seq, next], 1);
        }

        var responses = seq[.., (int)queries.shape[1]..];
        return (responses.MoveToOuterDisposeScope(), stack(logprobs, 1).MoveToOuterDisposeScope());
    }

    /// <summary>Reward: the share of the T response slots (up to and including EOS) holding <paramref name="target"/>.</summary>
    public static Tensor TargetShare(Tensor responses, long target, long eos, long pad)
    {
        using var scope = NewDisposeScope();
        var truncated = ResponseMasks.TruncateAfterStop(responses, eos, pad);
        return truncated.eq(target).to_type(ScalarType.Float32).mean([1]).MoveToOuterDisposeScope();
    }
}
