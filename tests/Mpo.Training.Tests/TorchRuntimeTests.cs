using Mpo.Training;
using TorchSharp;

namespace Mpo.Training.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void Matmul_OnTheCopiedNativeLibrary_ComputesTheProduct()
    {
        TorchRuntime.Initialize(threads: 1);
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);

        using var c = a.matmul(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
        Assert.Equal(1, torch.get_num_threads());
    }
}
