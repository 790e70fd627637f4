using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;

namespace Mpo.Training.Tests.Rl;

public class KlPenaltyTests
{
    [Fact]
    public void PerTokenKl_K1_IsLogpMinusRef()
    {
        // logp [−1, −2], ref [−1.5, −1] → [0.5, −1]
        T.Close([0.5, -1.0], KlPenalty.PerTokenKl(T.F([-1f, -2f]), T.F([-1.5f, -1f]), KlEstimator.K1));
    }

    [Fact]
    public void PerTokenKl_K3_IsExpRMinusOneMinusR()
    {
        // r = ref − logp = [−0.5, 1]; (e^−0.5 − 1) + 0.5 = 0.1065307; (e − 1) − 1 = 0.7182818
        T.Close([0.1065307, 0.7182818], KlPenalty.PerTokenKl(T.F([-1f, -2f]), T.F([-1.5f, -1f]), KlEstimator.K3));
    }

    [Fact]
    public void PerTokenKl_InvalidLogprobOnBoth_IsZero()
    {
        var masked = T.F([(float)ResponseMasks.InvalidLogprob]);
        T.Close(0.0, KlPenalty.PerTokenKl(masked, masked, KlEstimator.K1));
        T.Close(0.0, KlPenalty.PerTokenKl(masked, masked, KlEstimator.K3));
    }

    [Fact]
    public void PerTokenRewards_ScoreAfterLastToken_OrAtLastWhenPastEnd()
    {
        // kl_coef 0.5. Row 0: seq_len 1 → score 10 at index 2: −0.5·[0.1 0.2 0.3 0.4] + [0 0 10 0]
        // Row 1: seq_len 3, seq_len+1 = 4 = T → score 20 at index 3: −0.5·[1 1 1 1] + [0 0 0 20]
        var kl = T.F([0.1f, 0.2f, 0.3f, 0.4f, 1f, 1f, 1f, 1f], 2, 4);
        var (rewards, nonScore) = KlPenalty.PerTokenRewards(kl, 0.5, T.F([10f, 20f]), T.L([1L, 3L]));
        T.Close([-0.05, -0.1, 9.85, -0.2, -0.5, -0.5, -0.5, 19.5], rewards);
        T.Close([-0.05, -0.1, -0.15, -0.2, -0.5, -0.5, -0.5, -0.5], nonScore);
    }
}
