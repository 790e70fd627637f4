using System.Text.Json;
using Mpo.Core;
using Mpo.Training.Lora;
using Mpo.Training.Rl;
using static TorchSharp.torch;

namespace Mpo.Training.Checkpointing;

/// <summary>
/// Saves and restores everything an <see cref="RlTrainer"/> needs to continue bit-identically: policy (adapters or
/// full weights), value model, AdamW state, generator states, counters, data cursor and options. One folder per
/// update; <c>manifest.json</c> (sha256 and size of every file) is written last.
/// </summary>
/// <remarks>
/// Layout: <c>policy/adapter_model.safetensors</c> + <c>policy/adapter_config.json</c> (PEFT names) or
/// <c>policy/model.safetensors</c> (HF names); <c>value/model.safetensors</c> (PPO); <c>optimizer.bin</c>
/// (TorchSharp's AdamW state format); <c>rng/trainer.bin</c> and <c>rng/&lt;name&gt;.bin</c> (torch generator
/// states); <c>trainer_state.json</c>. The frozen reference/base weights are not saved: they are the model folder.
/// </remarks>
public static class TrainerCheckpoint
{
    private const string TrainerGenerator = "trainer";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the checkpoint into <paramref name="directory"/> (created; leftovers of a crashed save removed).</summary>
    /// <exception cref="InvalidOperationException">The folder already holds a committed checkpoint.</exception>
    public static CheckpointManifest Save(string directory, RlTrainer trainer, CheckpointContext context, LoraOptions? lora = null, ITensorFileFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(context);
        format ??= new SafeTensorsFileFormat();
        if (CheckpointManifest.IsCommitted(directory))
        {
            throw new InvalidOperationException($"{directory} already holds a committed checkpoint.");
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(directory, "policy"));
        Directory.CreateDirectory(Path.Combine(directory, "rng"));
        bool adapted = LoraInjector.Adapters(trainer.Policy).Any();
        if (adapted)
        {
            var options = lora ?? throw new ArgumentException("the policy has adapters: pass its LoRA options.", nameof(lora));
            LoraAdapterFiles.Save(Path.Combine(directory, "policy"), trainer.Policy, options, format);
        }
        else
        {
            format.Write(Path.Combine(directory, "policy", "model.safetensors"), StateDictFiles.BaseWeights(trainer.Policy));
        }

        if (trainer.ValueModel is { } value)
        {
            Directory.CreateDirectory(Path.Combine(directory, "value"));
            format.Write(Path.Combine(directory, "value", "model.safetensors"), StateDictFiles.BaseWeights(value));
        }

        trainer.Optimizer.save_state_dict(Path.Combine(directory, "optimizer.bin"));
        var generators = context.Generators.Keys.Order(StringComparer.Ordinal).ToList();
        WriteGenerator(directory, TrainerGenerator, trainer.Generator);
        foreach (var name in generators)
        {
            WriteGenerator(directory, name, context.Generators[name]);
        }

        var state = new TrainerState(
            trainer.CompletedUpdates, context.DataCursor, adapted ? "lora" : "full", trainer.Options, adapted ? lora : null, generators,
            new SortedDictionary<string, long>(context.Seeds.ToDictionary(), StringComparer.Ordinal));
        File.WriteAllText(Path.Combine(directory, TrainerState.FileName), JsonSerializer.Serialize(state, Json) + "\n");
        return CheckpointManifest.Commit(directory, trainer.CompletedUpdates);
    }

    /// <summary>Verifies the manifest and reads the trainer state (build the models and trainer from its options).</summary>
    public static TrainerState ReadState(string directory)
    {
        CheckpointManifest.Verify(directory);
        string path = Path.Combine(directory, TrainerState.FileName);
        return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path))
            ?? throw new MpoInputException($"{path}: empty trainer state.");
    }

    /// <summary>
    /// Loads a verified checkpoint into a trainer built from <see cref="ReadState"/>'s options (and, for LoRA, with
    /// adapters attached), and restores the caller's generators by name.
    /// </summary>
    public static TrainerState Restore(string directory, RlTrainer trainer, IReadOnlyDictionary<string, Generator> generators, ITensorFileFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(generators);
        format ??= new SafeTensorsFileFormat();
        var state = ReadState(directory);
        if (state.Rl != trainer.Options)
        {
            throw new InvalidOperationException($"{directory}: the trainer's options differ from the checkpoint's; build it from ReadState(...).Rl.");
        }

        if (state.PolicyFormat == "lora")
        {
            LoraAdapterFiles.Load(Path.Combine(directory, "policy"), trainer.Policy, format);
        }
        else
        {
            string file = Path.Combine(directory, "policy", "model.safetensors");
            StateDictFiles.WithTensors(format, file, t => StateDictFiles.LoadBaseWeights(trainer.Policy, t, file));
        }

        if (trainer.ValueModel is { } value)
        {
            string file = Path.Combine(directory, "value", "model.safetensors");
            StateDictFiles.WithTensors(format, file, t => StateDictFiles.LoadBaseWeights(value, t, file));
        }

        trainer.Optimizer.load_state_dict(Path.Combine(directory, "optimizer.bin"));
        ReadGenerator(directory, TrainerGenerator, trainer.Generator);
        foreach (var name in state.Generators)
        {
            var target = generators.GetValueOrDefault(name)
                ?? throw new ArgumentException($"the checkpoint holds generator '{name}'; pass it to restore it.", nameof(generators));
            ReadGenerator(directory, name, target);
        }

        trainer.CompletedUpdates = state.CompletedUpdates;
        return state;
    }

    private static void WriteGenerator(string directory, string name, Generator generator)
    {
        using var stateTensor = generator.get_state();
        File.WriteAllBytes(Path.Combine(directory, "rng", name + ".bin"), stateTensor.bytes.ToArray());
    }

    private static void ReadGenerator(string directory, string name, Generator generator)
    {
        using var stateTensor = tensor(File.ReadAllBytes(Path.Combine(directory, "rng", name + ".bin")));
        generator.set_state(stateTensor);
    }
}
