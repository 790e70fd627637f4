using Mpo.Training.Rl;
using Mpo.Training.Tests.TestModels;

namespace Mpo.Training.Tests.Rl;

public class ResponseMasksTests
{
    private const long Stop = 2, Pad = 0;

    [Fact]
    public void TruncateAfterStop_KeepsFirstStop_PadsAfter()
    {
        // [5 2 7 2] → [5 2 0 0]; [5 6 7 8] has no stop → unchanged
        var truncated = ResponseMasks.TruncateAfterStop(T.L([5L, 2, 7, 2, 5, 6, 7, 8], 2, 4), Stop, Pad);
        Assert.Equal([5L, 2, 0, 0, 5, 6, 7, 8], truncated.data<long>().ToArray());
    }

    [Fact]
    public void SequenceLengths_LastRealTokenIndex()
    {
        // [5 2 0 0] → first pad 2 → 1; [5 6 7 8] → no pad → T − 1 = 3
        var seqLen = ResponseMasks.SequenceLengths(T.L([5L, 2, 0, 0, 5, 6, 7, 8], 2, 4), Pad);
        Assert.Equal([1L, 3], seqLen.data<long>().ToArray());
    }

    [Fact]
    public void PaddingMask_OffsetZeroAndOne()
    {
        var seqLen = T.L([1L, 3]);
        Assert.Equal([false, false, true, true, false, false, false, false], ResponseMasks.PaddingMask(seqLen, 4).data<bool>().ToArray());
        Assert.Equal([false, false, false, true, false, false, false, false], ResponseMasks.PaddingMask(seqLen, 4, 1).data<bool>().ToArray());
    }

    [Fact]
    public void FirstTrueIndices_NoneTrue_RowLength()
    {
        var first = ResponseMasks.FirstTrueIndices(T.B([false, true, true, false, false, false], 2, 3));
        Assert.Equal([1L, 3], first.data<long>().ToArray());
    }

    [Fact]
    public void MaskLogprobs_WritesInvalidLogprobOnPadding()
    {
        var masked = ResponseMasks.MaskLogprobs(T.F([-0.5f, -0.7f]), T.B([false, true]));
        T.Close([-0.5, 1.0], masked);
    }
}
