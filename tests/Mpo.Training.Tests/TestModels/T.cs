using static TorchSharp.torch;

namespace Mpo.Training.Tests.TestModels;

/// <summary>Tiny tensor helpers for hand-computed cases.</summary>
internal static class T
{
    public static Tensor F(float[] values, params long[] shape) => tensor(values).reshape(shape.Length == 0 ? [values.Length] : shape);

    public static Tensor L(long[] values, params long[] shape) => tensor(values).reshape(shape.Length == 0 ? [values.Length] : shape);

    public static Tensor B(bool[] values, params long[] shape) => tensor(values).reshape(shape.Length == 0 ? [values.Length] : shape);

    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var got = actual.to_type(ScalarType.Float64).flatten().data<double>().ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {got[i]}");
        }
    }

    public static void Close(double expected, Tensor actual, double tolerance = 1e-5) => Close([expected], actual, tolerance);
}
