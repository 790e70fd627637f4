using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;

namespace Mpo.Training.Tests.Rl;

public class MaskedStatsTests
{
    // values 1 2 3 4, mask 1 1 0 1 → selected {1, 2, 4}
    private static readonly float[] Values = [1, 2, 3, 4];
    private static readonly bool[] Mask = [true, true, false, true];

    [Fact]
    public void MaskedMean_SkipsMaskedPositions_MeanOfSelected()
    {
        // (1 + 2 + 4) / 3 = 7/3
        T.Close(7.0 / 3, MaskedStats.MaskedMean(T.F(Values), T.B(Mask)));
    }

    [Fact]
    public void MaskedMean_AlongDim_PerRowMeans()
    {
        // rows [1 2 | 3 4] with masks [1 1 | 0 1] → [1.5, 4]
        T.Close([1.5, 4.0], MaskedStats.MaskedMean(T.F(Values, 2, 2), T.B(Mask, 2, 2), 1));
    }

    [Fact]
    public void MaskedVar_Unbiased_BesselCorrected()
    {
        // squared deviations from 7/3: 16/9, 1/9, 25/9 → mean 14/9; × n/(n−1) = 3/2 → 7/3
        T.Close(7.0 / 3, MaskedStats.MaskedVar(T.F(Values), T.B(Mask)));
        T.Close(14.0 / 9, MaskedStats.MaskedVar(T.F(Values), T.B(Mask), unbiased: false));
    }

    [Fact]
    public void MaskedVar_OnePosition_Throws()
    {
        Assert.Throws<ArgumentException>(() => MaskedStats.MaskedVar(T.F(Values), T.B([true, false, false, false])));
    }

    [Fact]
    public void MaskedWhiten_ShiftMean_CentresAndScales()
    {
        // (v − 7/3)/√(7/3 + 1e-8); √(7/3) = 1.5275252
        double s = Math.Sqrt(7.0 / 3 + 1e-8);
        double[] expected = [(1 - 7.0 / 3) / s, (2 - 7.0 / 3) / s, (3 - 7.0 / 3) / s, (4 - 7.0 / 3) / s];
        T.Close(expected, MaskedStats.MaskedWhiten(T.F(Values), T.B(Mask)));
    }

    [Fact]
    public void MaskedWhiten_NoShiftMean_AddsMeanBack()
    {
        // v = 4: (5/3)/1.5275252 + 7/3 = 1.0910895 + 2.3333333 = 3.4244228
        var whitened = MaskedStats.MaskedWhiten(T.F(Values), T.B(Mask), shiftMean: false);
        T.Close(3.4244228, whitened[3]);
    }
}
