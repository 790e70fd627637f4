using Mpo.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Chooses the device and compute dtype. CPU is the default; CUDA needs the CUDA libtorch package built in (see
/// docs/models.md, MSBuild property <c>MpoTorchBackend=cuda</c>) and a visible GPU, and then runs in bfloat16.
/// </summary>
public static class ModelDevice
{
    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; a CUDA request without CUDA is a clear error.</summary>
    public static Device Resolve(string? name)
    {
        var text = string.IsNullOrWhiteSpace(name) ? "cpu" : name.Trim().ToLowerInvariant();
        if (text == "cpu")
        {
            return CPU;
        }

        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new MpoInputException(
                    $"--device {text}: CUDA is not available: this build has the CPU libtorch (build with -p:MpoTorchBackend=cuda, see docs/models.md) or no GPU is visible.");
            }

            return text == "cuda" ? CUDA : new Device(text);
        }

        throw new MpoInputException($"--device '{name}': expected cpu, cuda or cuda:N.");
    }

    /// <summary>The compute dtype for a device: float32 on the CPU (bf16 matmuls are slow there), bfloat16 on CUDA.</summary>
    public static ScalarType DefaultDtype(Device device) =>
        device.type == DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32;
}
