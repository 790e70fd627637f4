using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;

namespace Mpo.Training.Tests.Rl;

public class GaeTests
{
    [Fact]
    public void Compute_ThreeSteps_BackwardRecursion()
    {
        // r = [0 0 1], V = [0.5 0.4 0.2], γ = 1, λ = 0.5
        // t=2: δ = 1 + 0 − 0.2 = 0.8,   A2 = 0.8
        // t=1: δ = 0 + 0.2 − 0.4 = −0.2, A1 = −0.2 + 0.5·0.8 = 0.2
        // t=0: δ = 0 + 0.4 − 0.5 = −0.1, A0 = −0.1 + 0.5·0.2 = 0.0
        // returns = A + V = [0.5 0.6 1.0]
        var (advantages, returns) = Gae.Compute(T.F([0f, 0f, 1f], 1, 3), T.F([0.5f, 0.4f, 0.2f], 1, 3), gamma: 1.0, lam: 0.5);
        T.Close([0.0, 0.2, 0.8], advantages);
        T.Close([0.5, 0.6, 1.0], returns);
    }

    [Fact]
    public void Compute_Discounted_UsesGammaOnNextValueAndTrace()
    {
        // r = [1 2], V = [1 1], γ = 0.5, λ = 1
        // t=1: δ = 2 + 0 − 1 = 1, A1 = 1;  t=0: δ = 1 + 0.5·1 − 1 = 0.5, A0 = 0.5 + 0.5·1·1 = 1.0
        var (advantages, _) = Gae.Compute(T.F([1f, 2f], 1, 2), T.F([1f, 1f], 1, 2), gamma: 0.5, lam: 1.0);
        T.Close([1.0, 1.0], advantages);
    }

    [Fact]
    public void WhitenAdvantages_ZeroesPadding_WhitensValid()
    {
        // valid [1 2 3] (mean 2, unbiased var 1) → [−1 0 1]/√(1 + 1e-8); padding → 0
        var whitened = Gae.WhitenAdvantages(T.F([1f, 2f, 3f, 50f]), T.B([false, false, false, true]));
        T.Close([-1.0, 0.0, 1.0, 0.0], whitened);
    }
}
