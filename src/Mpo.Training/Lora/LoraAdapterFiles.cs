using Mpo.Training.Checkpointing;
using Mpo.Training.Model;

namespace Mpo.Training.Lora;

/// <summary>
/// A PEFT adapter folder: <c>adapter_model.safetensors</c> (names <c>base_model.model.&lt;path&gt;.lora_A.weight</c> /
/// <c>lora_B.weight</c>) and <c>adapter_config.json</c>, which PEFT's <c>PeftModel.from_pretrained</c> loads.
/// </summary>
public static class LoraAdapterFiles
{
    /// <summary>The adapter weights file name.</summary>
    public const string WeightsFileName = "adapter_model.safetensors";

    /// <summary>Writes the model's attached adapters and their config into <paramref name="directory"/> (created).</summary>
    public static void Save(string directory, CausalLanguageModel model, LoraOptions options, ITensorFileFormat? format = null, string? baseModel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        (format ?? new SafeTensorsFileFormat()).Write(Path.Combine(directory, WeightsFileName), LoraInjector.PeftTensors(model));
        AdapterConfig.Write(Path.Combine(directory, AdapterConfig.FileName), options, baseModel);
    }

    /// <summary>Copies saved adapter weights into the adapters already attached to <paramref name="model"/>.</summary>
    public static void Load(string directory, CausalLanguageModel model, ITensorFileFormat? format = null)
    {
        string file = Path.Combine(directory, WeightsFileName);
        StateDictFiles.WithTensors(format ?? new SafeTensorsFileFormat(), file, t => LoraInjector.LoadPeftTensors(model, t, file));
    }
}
