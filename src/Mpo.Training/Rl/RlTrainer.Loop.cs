using static TorchSharp.torch;

namespace Mpo.Training.Rl;

public sealed partial class RlTrainer
{
    /// <summary>Step 12: epochs × seeded permutation → mini-batches → micro-batches with gradient accumulation.</summary>
    /// <remarks>
    /// As accelerate's <c>accumulate</c> runs it in TRL: each micro-batch loss is divided by
    /// <c>gradient_accumulation_steps</c> and the optimizer steps (after grad-norm clipping) every
    /// <c>gradient_accumulation_steps</c> micro-batches, i.e. once per mini-batch when <c>num_mini_batches</c> is 1.
    /// </remarks>
    private LoopStats RunEpochs(PreparedBatch prepared)
    {
        var stats = new LoopAccumulator();
        int b = Options.LocalBatchSize, mini = Options.LocalMiniBatchSize, micro = Options.PerDeviceTrainBatchSize;
        int gas = Options.GradientAccumulationSteps, microIndex = 0;
        Optimizer.zero_grad();
        for (int epoch = 0; epoch < Options.NumPpoEpochs; epoch++)
        {
            using var permutation = randperm(b, generator: Generator);
            for (int miniStart = 0; miniStart < b; miniStart += mini)
            {
                for (int microStart = miniStart; microStart < miniStart + mini; microStart += micro)
                {
                    using var scope = NewDisposeScope();
                    var inds = permutation[microStart..(microStart + micro)].to(prepared.QueryResponses.device);
                    var loss = MicroBatchLoss(prepared, inds, stats);
                    (loss / gas).backward();
                    if (++microIndex % gas == 0)
                    {
                        stats.GradNorm = Options.MaxGradNorm is { } maxNorm
                            ? nn.utils.clip_grad_norm_(_parameters, maxNorm)
                            : GradNorm();
                        Optimizer.step();
                        Optimizer.zero_grad();
                        stats.OptimizerSteps++;
                    }
                }
            }
        }

        return stats.ToStats();
    }

    private Tensor MicroBatchLoss(PreparedBatch p, Tensor inds, LoopAccumulator stats)
    {
        var qr = p.QueryResponses.index_select(0, inds); // (b, L)
        var padMask = p.PaddingMask.index_select(0, inds); // (b, T)
        var oldLogprobs = p.OldLogprobs.index_select(0, inds);
        var inputs = PolicyForward.Inputs(qr, Tokens.PadTokenId);
        var logits = PolicyForward.ResponseLogits(Policy.forward(inputs).Logits, p.ContextLength, Options.Temperature); // (b, T, V)
        var newLogprobs = ResponseMasks.MaskLogprobs(PolicyForward.SelectiveLogSoftmax(logits, p.Responses.index_select(0, inds)), padMask);
        var advantages = p.Advantages.index_select(0, inds);
        Tensor loss;
        switch (Options.Algorithm)
        {
            case RlAlgorithm.Ppo:
                var padMaskP1 = p.PaddingMaskP1!.index_select(0, inds);
                var vpred = ValueModel!.forward(inputs)[.., (int)(p.ContextLength - 1)..^1].masked_fill(padMaskP1, 0); // (b, T)
                var vf = PpoLosses.ValueLoss(vpred, p.Values!.index_select(0, inds), p.Returns!.index_select(0, inds), padMaskP1.logical_not(), Options.ClipRangeValue);
                var pg = PpoLosses.PolicyLoss(newLogprobs, oldLogprobs, advantages, padMask.logical_not(), Options.ClipRange);
                loss = pg.Loss + Options.VfCoef * vf.Loss;
                stats.Add(pg, vf);
                break;
            case RlAlgorithm.Grpo:
                var (gl, clip, _) = GroupLosses.Grpo(newLogprobs, oldLogprobs, p.RefLogprobs!.index_select(0, inds), advantages, padMask.logical_not(), Options.ClipRange, Options.Beta);
                loss = gl;
                stats.Add(new ClippedLoss(gl, clip), null);
                break;
            default:
                var rl = GroupLosses.Rloo(newLogprobs, oldLogprobs, advantages, Options.ClipRange);
                loss = rl.Loss;
                stats.Add(rl, null);
                break;
        }

        stats.AddPolicy(PpoLosses.Entropy(logits), PpoLosses.ApproxKl(newLogprobs, oldLogprobs), (newLogprobs - oldLogprobs).exp().mean());
        return loss;
    }

    private double GradNorm()
    {
        using var scope = NewDisposeScope();
        var norms = _parameters.Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        return norms.Length == 0 ? 0 : stack(norms).norm().item<float>();
    }
}
