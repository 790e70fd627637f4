using Mpo.Training.Rl;

namespace Mpo.Training.Tests.Rl;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0, 1.0)] // (4 − 0)/4
    [InlineData(1, 0, 0.75)] // (4 − 1)/4
    [InlineData(3, 0, 0.25)]
    [InlineData(4, 0, 0.0)]
    [InlineData(1, 2, 0.5)] // warm-up 1/2
    [InlineData(2, 2, 1.0)] // (4 − 2)/(4 − 2)
    [InlineData(3, 2, 0.5)]
    public void Linear_Update_DecaysToZero(int update, int warmup, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Linear(1.0, update, 4, warmup), 12);
    }
}
