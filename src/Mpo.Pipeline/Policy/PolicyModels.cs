using System.Text.Json;
using Mpo.Core;
using Mpo.Training.Checkpointing;
using Mpo.Training.Lora;
using Mpo.Training.Model;
using Mpo.Training.Rl;
using Mpo.Training.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Mpo.Pipeline.Policy;

/// <summary>
/// Builds the run's models from the base model folder and a checkpoint folder: the policy for sampling, and the full
/// trainer (policy, value model, reference, optimizer) for an update. Initialization draws come from seeded
/// generators, and restore overwrites them, so every worker builds the same state.
/// </summary>
public static class PolicyModels
{
    /// <summary>Pad, EOS and stop ids of the policy's tokenizer; the pad id must differ from EOS.</summary>
    public static RlTokenIds TokenIds(ModelTokenizer tokenizer, string folder)
    {
        var specials = tokenizer.Specials;
        if (specials.EosTokenIds.Count == 0)
        {
            throw new MpoInputException($"{folder}: the tokenizer has no EOS token (tokenizer_config.json 'eos_token').");
        }

        long eos = specials.EosTokenIds[0];
        if (specials.PadTokenId == eos)
        {
            throw new MpoInputException($"{folder}: the pad token is the EOS token; the policy update needs a distinct pad token (tokenizer_config.json 'pad_token').");
        }

        return new RlTokenIds(specials.PadTokenId, eos, eos);
    }

    /// <summary>Reads <c>trainer_state.json</c> of a checkpoint folder.</summary>
    public static TrainerState ReadState(string checkpointFolder)
    {
        var path = Path.Combine(checkpointFolder, TrainerState.FileName);
        return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty trainer state.");
    }

    /// <summary>The policy of <paramref name="checkpointFolder"/> for sampling: base weights plus the checkpoint's full weights or adapters.</summary>
    public static LoadedModel LoadPolicy(string baseFolder, string checkpointFolder, Device device)
    {
        var state = ReadState(checkpointFolder);
        var loaded = ModelFolder.Load(baseFolder, device);
        try
        {
            var policyDir = Path.Combine(checkpointFolder, "policy");
            if (state.Lora is { } lora)
            {
                using var init = new Generator(0);
                LoraInjector.Attach(loaded.Model, lora, init);
                LoraAdapterFiles.Load(policyDir, loaded.Model);
            }
            else
            {
                var file = Path.Combine(policyDir, "model.safetensors");
                StateDictFiles.WithTensors(new SafeTensorsFileFormat(), file, t => StateDictFiles.LoadBaseWeights(loaded.Model, t, file));
            }

            loaded.Model.eval();
            return loaded;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>A trainer with fresh state (the run's step 0): LoRA init and the value head drawn from <paramref name="initSeed"/>.</summary>
    public static TrainerModels CreateTrainer(string baseFolder, RlOptions rl, LoraOptions? lora, ulong initSeed, Device device)
    {
        var models = new List<IDisposable>();
        try
        {
            var policy = ModelFolder.Load(baseFolder, device);
            models.Add(policy);
            var tokens = TokenIds(policy.RequireTokenizer(), baseFolder);
            using var init = new Generator(initSeed);
            CausalLanguageModel? reference = null;
            if (lora is not null)
            {
                LoraInjector.Attach(policy.Model, lora, init);
            }
            else
            {
                var frozen = ModelFolder.Load(baseFolder, device);
                models.Add(frozen);
                reference = frozen.Model;
            }

            ValueModel? value = null;
            if (rl.Algorithm == RlAlgorithm.Ppo)
            {
                var critic = ModelFolder.Load(baseFolder, device);
                models.Add(critic);
                value = new ValueModel(critic.Model, init);
                models.Add(value);
            }

            var trainer = new RlTrainer(rl, tokens, policy.Model, value, reference);
            return new TrainerModels(trainer, lora, models);
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }
    }

    /// <summary>A trainer restored from a checkpoint folder (policy, value model, optimizer, generator, counters), built from the options saved in it.</summary>
    public static TrainerModels RestoreTrainer(string baseFolder, string checkpointFolder, Device device)
    {
        var state = TrainerCheckpoint.ReadState(checkpointFolder);
        var models = CreateTrainer(baseFolder, state.Rl, state.Lora, 0, device);
        try
        {
            TrainerCheckpoint.Restore(checkpointFolder, models.Trainer, new Dictionary<string, Generator>());
            return models;
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }
}

/// <summary>A trainer and the modules it was built from (disposed together).</summary>
public sealed class TrainerModels(RlTrainer trainer, LoraOptions? lora, IReadOnlyList<IDisposable> owned) : IDisposable
{
    /// <summary>The trainer.</summary>
    public RlTrainer Trainer { get; } = trainer;

    /// <summary>The LoRA options when the policy is adapted.</summary>
    public LoraOptions? Lora { get; } = lora;

    /// <inheritdoc />
    public void Dispose()
    {
        Trainer.Dispose();
        foreach (var m in owned.Reverse())
        {
            m.Dispose();
        }
    }
}
