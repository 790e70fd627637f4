using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.Core;

namespace Mpo.Training.Lora;

/// <summary>PEFT's <c>adapter_config.json</c>, written with the keys PEFT needs to load the adapters.</summary>
/// <remarks><see href="https://github.com/huggingface/peft/blob/v0.15.0/src/peft/tuners/lora/config.py"/>.</remarks>
public static class AdapterConfig
{
    /// <summary>The file name PEFT looks for.</summary>
    public const string FileName = "adapter_config.json";

    /// <summary>Writes the config (canonical key order).</summary>
    /// <param name="path">Target file.</param>
    /// <param name="options">The LoRA options.</param>
    /// <param name="baseModel">Optional <c>base_model_name_or_path</c>.</param>
    public static void Write(string path, LoraOptions options, string? baseModel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = new JsonObject
        {
            ["base_model_name_or_path"] = baseModel,
            ["bias"] = options.Bias,
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["lora_alpha"] = options.Alpha,
            ["lora_dropout"] = options.Dropout,
            ["peft_type"] = "LORA",
            ["r"] = options.Rank,
            ["target_modules"] = new JsonArray([.. options.TargetModules.Order(StringComparer.Ordinal).Select(t => JsonValue.Create(t))]),
            ["task_type"] = "CAUSAL_LM",
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads rank, alpha, dropout, targets and bias back into options.</summary>
    public static LoraOptions Read(string path)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new LoraOptions
            {
                Rank = json["r"]!.GetValue<int>(),
                Alpha = json["lora_alpha"]!.GetValue<double>(),
                Dropout = json["lora_dropout"]?.GetValue<double>() ?? 0,
                TargetModules = [.. json["target_modules"]!.AsArray().Select(t => t!.GetValue<string>())],
                Bias = json["bias"]?.GetValue<string>() ?? "none",
            };
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new MpoInputException($"{path}: not a valid LoRA adapter_config.json ({e.Message}).", e);
        }
    }
}
