using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.Core;
using Mpo.Training.SafeTensors;
using Mpo.Training.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Loads and saves Hugging Face model folders: <c>config.json</c>, <c>model.safetensors</c> (or shards with an index),
/// and the tokenizer files. Every weight is checked by name and shape against the module, and the first mismatch
/// (unexpected, wrong shape, or missing) is an error naming it and the file.
/// </summary>
public static class ModelFolder
{
    /// <summary>Tokenizer files copied verbatim on save.</summary>
    public static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "generation_config.json", "special_tokens_map.json", "vocab.json", "merges.txt", "chat_template.jinja"];

    /// <summary>Loads <paramref name="directory"/> on <paramref name="device"/> (default CPU) in <paramref name="dtype"/> (default per device).</summary>
    public static LoadedModel Load(string directory, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new MpoInputException($"{directory}: model folder not found.");
        }

        var config = ModelConfigReader.Read(directory);
        device ??= CPU;
        var computeDtype = dtype ?? ModelDevice.DefaultDtype(device);
        var tokenizer = File.Exists(Path.Combine(directory, TokenizerJsonReader.FileName)) ? ModelTokenizer.Load(directory) : null;
        var model = ModelFactory.Create(config);
        try
        {
            LoadWeights(model, config, directory);
            if (computeDtype != ScalarType.Float32)
            {
                model.to(computeDtype);
            }

            if (device.type != DeviceType.CPU)
            {
                model.to(device);
            }

            model.eval();
            return new LoadedModel(directory, config, model, tokenizer, device, computeDtype);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Fills <paramref name="model"/>'s weights from the safetensors files of <paramref name="directory"/>.</summary>
    public static void LoadWeights(CausalLanguageModel model, ModelConfig config, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layout = new CheckpointLayout(config);
        var expected = WeightsOf(model);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var file in ShardedSafeTensors.Files(directory))
        {
            foreach (var (fileKey, read) in SafeTensorsReader.ReadTensors(file))
            {
                using var raw = read;
                using var scope = NewDisposeScope();
                var key = layout.ToModelKey(fileKey);
                if (key is null)
                {
                    continue;
                }

                if (!expected.TryGetValue(key, out var target))
                {
                    throw new MpoInputException($"{file}: unexpected weight '{fileKey}': the {config.Architecture} module has no '{key}'.");
                }

                var value = layout.IsTransposedInFile(key) ? raw.t() : raw;
                if (!value.shape.SequenceEqual(target.shape))
                {
                    throw new MpoInputException(
                        $"{file}: weight '{fileKey}' has shape [{string.Join(", ", raw.shape)}] but the config needs [{string.Join(", ", Shape(target, layout.IsTransposedInFile(key)))}].");
                }

                target.copy_(value);
                seen.Add(key);
            }
        }

        var missing = expected.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (missing is not null)
        {
            throw new MpoInputException($"{directory}: weight '{missing}' is missing from the safetensors files.");
        }
    }

    /// <summary>
    /// Saves <paramref name="loaded"/>'s config and weights (in <paramref name="dtype"/>, default the model's) to
    /// <paramref name="directory"/>, with the source folder's tokenizer files, so the folder loads again here and in
    /// Hugging Face tools. Adapters must be merged or detached first.
    /// </summary>
    public static void Save(LoadedModel loaded, string directory, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        System.IO.Directory.CreateDirectory(directory);
        var fileDtype = dtype ?? loaded.Dtype;
        var layout = new CheckpointLayout(loaded.Config);
        using (var scope = NewDisposeScope())
        {
            var tensors = new List<(string, Tensor)>();
            foreach (var (key, t) in loaded.Model.state_dict())
            {
                if (key.Contains(".adapter.", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Weight '{key}' belongs to an adapter: merge or detach adapters before saving a model folder.");
                }

                var value = layout.IsTransposedInFile(key) ? t.detach().t() : t.detach();
                tensors.Add((key, value.to(fileDtype).cpu().contiguous()));
            }

            SafeTensorsWriter.Write(Path.Combine(directory, ShardedSafeTensors.SingleFile), tensors);
        }

        var stale = Path.Combine(directory, ShardedSafeTensors.IndexFile);
        if (File.Exists(stale))
        {
            File.Delete(stale);
        }

        var config = (JsonObject)loaded.Config.Raw.DeepClone();
        config["torch_dtype"] = SafeTensorsDtypes.ToTorchDtype(fileDtype);
        File.WriteAllText(Path.Combine(directory, ModelConfigReader.FileName), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        foreach (var name in TokenizerFiles)
        {
            var source = Path.Combine(loaded.Directory, name);
            var target = Path.Combine(directory, name);
            if (File.Exists(source) && Path.GetFullPath(source) != Path.GetFullPath(target))
            {
                File.Copy(source, target, overwrite: true);
            }
        }
    }

    private static Dictionary<string, Tensor> WeightsOf(CausalLanguageModel model)
    {
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, t) in model.state_dict())
        {
            if (!key.Contains(".adapter.", StringComparison.Ordinal))
            {
                weights[key] = t;
            }
        }

        return weights;
    }

    private static long[] Shape(Tensor target, bool transposed) =>
        transposed ? [.. target.shape.Reverse()] : target.shape;
}
