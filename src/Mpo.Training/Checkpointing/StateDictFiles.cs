using Mpo.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Training.Checkpointing;

/// <summary>Module weights to and from name → tensor files, leaving LoRA adapters out (they are saved separately).</summary>
public static class StateDictFiles
{
    /// <summary>The module's state dict without adapter entries (names containing <c>.adapter.</c>).</summary>
    public static Dictionary<string, Tensor> BaseWeights(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.state_dict().Where(kv => !kv.Key.Contains(".adapter.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Copies tensors into the module's base weights; names and shapes must match exactly.</summary>
    /// <exception cref="MpoInputException">The first missing, extra or mis-shaped tensor, named.</exception>
    public static void LoadBaseWeights(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        var expected = BaseWeights(module);
        foreach (var name in tensors.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).Take(1))
        {
            throw new MpoInputException($"{source}: tensor '{name}' is not a weight of this model.");
        }

        using var _ = no_grad();
        foreach (var (name, target) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!tensors.TryGetValue(name, out var value))
            {
                throw new MpoInputException($"{source}: weight '{name}' is missing.");
            }

            if (!value.shape.SequenceEqual(target.shape) || value.dtype != target.dtype)
            {
                throw new MpoInputException($"{source}: weight '{name}' is {value.dtype} [{string.Join(", ", value.shape)}], expected {target.dtype} [{string.Join(", ", target.shape)}].");
            }

            target.copy_(value);
        }
    }

    /// <summary>Reads a tensor file, hands the tensors to <paramref name="use"/>, then disposes them.</summary>
    public static void WithTensors(ITensorFileFormat format, string path, Action<IReadOnlyDictionary<string, Tensor>> use)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(use);
        if (!File.Exists(path))
        {
            throw new MpoInputException($"{path}: file is missing.");
        }

        var tensors = format.Read(path);
        try
        {
            use(tensors);
        }
        finally
        {
            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }
        }
    }
}
