using Mpo.Training.SafeTensors;
using static TorchSharp.torch;

namespace Mpo.Training.Checkpointing;

/// <summary>
/// Checkpoint tensors as safetensors through the project's one implementation (<see cref="SafeTensorsWriter"/> and
/// <see cref="SafeTensorsReader"/>), so checkpoint files and exported model folders share the same canonical layout:
/// 8-byte aligned header with <c>__metadata__</c>, tensors sorted by name, same tensors → same bytes.
/// </summary>
public sealed class SafeTensorsFileFormat : ITensorFileFormat
{
    /// <inheritdoc />
    public void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        SafeTensorsWriter.Write(path, tensors.Select(kv => (kv.Key, kv.Value)));
    }

    /// <inheritdoc />
    public Dictionary<string, Tensor> Read(string path) =>
        SafeTensorsReader.ReadTensors(path).ToDictionary(t => t.Name, t => t.Tensor, StringComparer.Ordinal);
}
