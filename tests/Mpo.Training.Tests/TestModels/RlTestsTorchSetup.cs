using System.Runtime.CompilerServices;

namespace Mpo.Training.Tests.TestModels;

/// <summary>Pins kernels and threads before any test touches a tensor, so exact comparisons are reproducible.</summary>
internal static class RlTestsTorchSetup
{
#pragma warning disable CA2255 // a test assembly, not a library: initialise the native runtime first
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.Initialize(threads: 1);
#pragma warning restore CA2255
}
