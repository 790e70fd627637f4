using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>How the trainer runs a model on query+response and reads response log-probs, as TRL's <c>forward</c>.</summary>
/// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/trainer/utils.py"/> (forward,
/// selective_log_softmax). P = context (query) length, T = response length, L = P + T.</remarks>
public static class PolicyForward
{
    /// <summary>
    /// Model inputs for (B, L) query+response ids: attention mask = ids ≠ pad (pads inside the response too),
    /// position ids = cumsum(mask) − mask, pad ids replaced by 0.
    /// </summary>
    public static CausalLmInput Inputs(Tensor queryResponses, long padTokenId)
    {
        using var scope = NewDisposeScope();
        var mask = queryResponses.ne(padTokenId).to_type(ScalarType.Int64); // (B, L)
        var positions = mask.cumsum(1) - mask;
        var ids = queryResponses.masked_fill(mask.eq(0), 0);
        return new CausalLmInput(ids.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope(), positions.MoveToOuterDisposeScope());
    }

    /// <summary>Logits that predict the response tokens, divided by (T + 1e-7): (B, L, V) → (B, T, V).</summary>
    public static Tensor ResponseLogits(Tensor logits, long contextLength, double temperature)
    {
        using var scope = NewDisposeScope();
        var response = logits[.., (int)(contextLength - 1)..^1, ..]; // (B, T, V)
        return (response / (temperature + 1e-7)).MoveToOuterDisposeScope();
    }

    /// <summary>log_softmax(logits)[token]: (B, T, V) and (B, T) ids → (B, T).</summary>
    public static Tensor SelectiveLogSoftmax(Tensor logits, Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        var logp = logits.log_softmax(-1).gather(-1, tokenIds.unsqueeze(-1)).squeeze(-1);
        return logp.MoveToOuterDisposeScope();
    }

    /// <summary>Response log-probs of <paramref name="model"/> at temperature T: (B, L) ids → (B, T).</summary>
    public static Tensor ResponseLogprobs(CausalLanguageModel model, Tensor queryResponses, long contextLength, long padTokenId, double temperature)
    {
        using var scope = NewDisposeScope();
        var output = model.forward(Inputs(queryResponses, padTokenId));
        var logits = ResponseLogits(output.Logits, contextLength, temperature);
        var responses = queryResponses[.., (int)contextLength..];
        return SelectiveLogSoftmax(logits, responses).MoveToOuterDisposeScope();
    }
}
