using static TorchSharp.torch;

namespace Mpo.Training.Checkpointing;

/// <summary>Reads and writes a flat name → tensor file (safetensors in checkpoints).</summary>
/// <remarks>A seam so checkpointing does not depend on which safetensors implementation the project settles on.</remarks>
public interface ITensorFileFormat
{
    /// <summary>Writes <paramref name="tensors"/> (any order; the file is canonical).</summary>
    void Write(string path, IReadOnlyDictionary<string, Tensor> tensors);

    /// <summary>Reads every tensor of the file (CPU, the stored dtype); the caller owns them.</summary>
    Dictionary<string, Tensor> Read(string path);
}
