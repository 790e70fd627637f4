using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using TorchSharp;

namespace Mpo.Training;

/// <summary>
/// Pins what makes TorchSharp results bit-reproducible: the CPU kernel set and the thread count.
/// Call <see cref="Initialize"/> before the first tensor is made.
/// </summary>
/// <remarks>
/// Different thread counts or kernel sets give different bits (shared notes/torchsharp.md), so a resumed run must
/// use the same ones. .NET's <c>Environment.SetEnvironmentVariable</c> does not reach native <c>getenv</c> on
/// Linux, hence libc <c>setenv</c>.
/// </remarks>
public static partial class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static int? _threads;

    /// <summary>The thread count in force, or <c>null</c> before <see cref="Initialize"/>.</summary>
    public static int? Threads => _threads;

    /// <summary>Pins the kernel set (AVX2 where the CPU has it) and the intra-op thread count.</summary>
    /// <param name="threads">Intra-op threads; the default 1 is the reproducible choice for tiny models.</param>
    public static void Initialize(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (Gate)
        {
            if (_threads is null)
            {
                if (OperatingSystem.IsLinux() && Avx2.IsSupported)
                {
                    SetNative("ATEN_CPU_CAPABILITY", "avx2");
                    SetNative("MKL_CBWR", "AVX2");
                }
            }

            torch.set_num_threads(threads);
            _threads = threads;
        }
    }

    private static void SetNative(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is null)
        {
            _ = setenv(name, value, 0);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
