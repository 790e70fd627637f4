using System.Text.Json.Serialization;
using Mpo.Training.Lora;
using Mpo.Training.Rl;

namespace Mpo.Training.Checkpointing;

/// <summary>
/// <c>trainer_state.json</c>: counters, data cursor, seeds and the options the run was built with. A resumed run
/// builds its trainer from these options, not from the current config (as nanoGPT forces model args on resume).
/// </summary>
/// <param name="CompletedUpdates">Updates done; the next update is this + 1.</param>
/// <param name="DataCursor">Position of the next prompt in the caller's data order.</param>
/// <param name="PolicyFormat"><c>"lora"</c> (adapters only; base weights unchanged) or <c>"full"</c>.</param>
/// <param name="Rl">The RL options.</param>
/// <param name="Lora">LoRA options when the policy is adapted.</param>
/// <param name="Generators">Names of the saved torch generator states (<c>rng/&lt;name&gt;.bin</c>).</param>
/// <param name="Seeds">Other seeds the caller needs (e.g. .NET <c>Random</c> seeds), by name.</param>
public sealed record TrainerState(
    [property: JsonPropertyName("completed_updates")] int CompletedUpdates,
    [property: JsonPropertyName("data_cursor")] long DataCursor,
    [property: JsonPropertyName("policy_format")] string PolicyFormat,
    [property: JsonPropertyName("rl")] RlOptions Rl,
    [property: JsonPropertyName("lora")] LoraOptions? Lora,
    [property: JsonPropertyName("generators")] IReadOnlyList<string> Generators,
    [property: JsonPropertyName("seeds")] IReadOnlyDictionary<string, long> Seeds)
{
    /// <summary>The file name.</summary>
    public const string FileName = "trainer_state.json";
}

/// <summary>What the caller adds to a checkpoint besides the trainer: its data position and its random streams.</summary>
/// <param name="DataCursor">Position of the next prompt.</param>
/// <param name="Generators">Torch generators (e.g. the sampler's) saved and restored by name.</param>
/// <param name="Seeds">Plain seeds saved by name.</param>
public sealed record CheckpointContext(
    long DataCursor,
    IReadOnlyDictionary<string, TorchSharp.torch.Generator> Generators,
    IReadOnlyDictionary<string, long> Seeds);
