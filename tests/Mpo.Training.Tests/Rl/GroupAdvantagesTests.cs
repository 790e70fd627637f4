using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Rl;

public class GroupAdvantagesTests
{
    [Fact]
    public void Grpo_TwoGroups_NormalisedWithinGroup()
    {
        // group [1 2 3]: mean 2, unbiased std √((1 + 0 + 1)/2) = 1 → [−1 0 1]/(1 + 1e-4)
        // group [5 5 5]: std 0 → 0/(1e-4) = 0
        double k = 1 / 1.0001;
        T.Close([-k, 0, k, 0, 0, 0], GroupAdvantages.Grpo(T.F([1f, 2f, 3f, 5f, 5f, 5f]), 3));
    }

    [Fact]
    public void Rloo_TwoGroups_LeaveOneOutBaseline()
    {
        // group [1 2 3] (sum 6): baselines (6−r)/2 = [2.5 2 1.5] → [−1.5 0 1.5]
        // group [4 4 7] (sum 15): baselines [5.5 5.5 4] → [−1.5 −1.5 3]
        T.Close([-1.5, 0, 1.5, -1.5, -1.5, 3], GroupAdvantages.Rloo(T.F([1f, 2f, 3f, 4f, 4f, 7f]), 3));
    }

    [Fact]
    public void GrpoLoss_RatioOne_AdvantagePlusBetaK3()
    {
        // ρ = 1, A = 0.5, r = ref − logp = ln 2: k3 = (2 − 1) − ln 2 = 0.3068528; β = 0.1
        // per token −0.5 + 0.1·0.3068528 = −0.4693147; third token masked
        var logp = zeros(1, 3);
        var refLogp = full(1, 3, (float)Math.Log(2));
        var (loss, clip, kl) = GroupLosses.Grpo(logp, logp, refLogp, T.F([0.5f]), T.B([true, true, false], 1, 3), 0.2, 0.1);
        T.Close(-0.4693147, loss);
        T.Close(0.0, clip);
        T.Close(0.3068528, kl);
    }

    [Fact]
    public void RlooLoss_SequenceRatio_Clipped()
    {
        // Σ new − Σ old = (−1 − 1) − (−1.5 − 1) = 0.5 → ρ = e^0.5 = 1.6487; A = 2
        // max(−2·1.6487, −2·1.2) = −2.4, clipped
        var result = GroupLosses.Rloo(T.F([-1f, -1f], 1, 2), T.F([-1.5f, -1f], 1, 2), T.F([2f]), 0.2);
        T.Close(-2.4, result.Loss);
        T.Close(1.0, result.ClipFraction);
    }
}
