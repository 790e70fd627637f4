using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Rl;

public class PpoLossesTests
{
    [Fact]
    public void PolicyLoss_ClippedAndUnclippedTokens_MaskedMeanOfMax()
    {
        // ρ = exp(new − old) = [1.5, 0.5, 1, 1], A = [1, −1, 2, 100], mask [1 1 1 0], ε = 0.2
        // t0: max(−1.5, −1·1.2) = −1.2 (clipped); t1: max(0.5, 0.8) = 0.8 (clipped); t2: max(−2, −2) = −2
        // loss = (−1.2 + 0.8 − 2)/3 = −0.8; clipfrac = 2/3
        var oldLogprobs = T.F([0f, 0f, 0f, 0f], 1, 4);
        var newLogprobs = T.F([(float)Math.Log(1.5), (float)Math.Log(0.5), 0f, 0f], 1, 4);
        var result = PpoLosses.PolicyLoss(newLogprobs, oldLogprobs, T.F([1f, -1f, 2f, 100f], 1, 4), T.B([true, true, true, false], 1, 4), 0.2);
        T.Close(-0.8, result.Loss);
        T.Close(2.0 / 3, result.ClipFraction);
    }

    [Fact]
    public void ValueLoss_ClipAroundOldValue_HalfMaskedMeanOfMax()
    {
        // v = [1, 0, 9], v_old = [0.5, 0, 0], R = [2, 1, 0], mask [1 1 0], ε_v = 0.2
        // t0: clip(1, 0.3, 0.7) = 0.7; (1−2)² = 1, (0.7−2)² = 1.69 → 1.69 (clipped)
        // t1: clip = 0; (0−1)² = 1 both → 1;  loss = 0.5·(1.69 + 1)/2 = 0.6725; clipfrac = 1/2
        var result = PpoLosses.ValueLoss(T.F([1f, 0f, 9f], 1, 3), T.F([0.5f, 0f, 0f], 1, 3), T.F([2f, 1f, 0f], 1, 3), T.B([true, true, false], 1, 3), 0.2);
        T.Close(0.6725, result.Loss);
        T.Close(0.5, result.ClipFraction);
    }

    [Fact]
    public void PolicyLoss_Backward_GradientOnlyThroughUnclippedTerms()
    {
        // ρ = 1 everywhere, A = [1, −1]: nothing clipped, loss = mean(−A·ρ); d/d logp_t = −A_t·ρ_t/2 = [−0.5, 0.5]
        var newLogprobs = zeros(1, 2, requires_grad: true);
        var result = PpoLosses.PolicyLoss(newLogprobs, zeros(1, 2), T.F([1f, -1f], 1, 2), T.B([true, true], 1, 2), 0.2);
        result.Loss.backward();
        T.Close([-0.5, 0.5], newLogprobs.grad!);
    }

    [Fact]
    public void Entropy_UniformLogits_IsLogV()
    {
        // uniform over 4 tokens: H = ln 4 = 1.3862944
        T.Close(Math.Log(4), PpoLosses.Entropy(zeros(2, 3, 4)));
    }

    [Fact]
    public void ApproxKl_HalfMeanSquaredDiff()
    {
        // diffs [1, −1, 2, 0] → 0.5·(1 + 1 + 4 + 0)/4 = 0.75
        T.Close(0.75, PpoLosses.ApproxKl(T.F([1f, -1f, 2f, 0f], 2, 2), zeros(2, 2)));
    }
}
