using System.Text;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Judging.Rubrics;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Policy;
using Mpo.Storage;
using Mpo.Storage.Sets;
using Mpo.Training;
using Mpo.Training.Checkpointing;
using Mpo.Training.Model;
using TorchSharp;

namespace Mpo.Pipeline.Services;

/// <summary>
/// Creates a run in storage: its config blob, copies of its data files, the base model folder, checkpoint 0 (the
/// initial trainer state: policy, value model, fresh AdamW, generator) and rubric v0. Every write is write-once with
/// deterministic bytes, so creating the same run twice is a no-op, and creating an existing id with another config
/// is an error. Runs where the caller's files are (the command line), never in a worker.
/// </summary>
public sealed class RunCreationService(PipelineStore store, PipelineOptions options)
{
    /// <summary>Creates (or confirms) the run and returns its initial state.</summary>
    /// <param name="runId">The run id (<see cref="BlobLayout.IsValidRunId"/>).</param>
    /// <param name="config">The validated config.</param>
    /// <param name="configFolder">Folder relative paths of the config are resolved against (the config file's folder).</param>
    /// <param name="ct">Cancels the creation (a later call finishes it).</param>
    /// <exception cref="MpoInputException">A bad run id, a missing file, or the id exists with another config.</exception>
    public async Task<RunState> CreateAsync(string runId, RunConfig config, string configFolder, CancellationToken ct = default)
    {
        if (!BlobLayout.IsValidRunId(runId))
        {
            throw new MpoInputException($"run id '{runId}': use 1–48 lowercase letters, digits and hyphens, starting with a letter or digit.");
        }

        RunConfigValidation.Validate(config);
        await WriteConfigAsync(runId, config, ct).ConfigureAwait(false);
        await CopyDataAsync(runId, config, configFolder, ct).ConfigureAwait(false);
        var policyFolder = Resolve(configFolder, config.Policy.Model) ?? PipelineOptions.BundledPolicy;
        await UploadBaseModelAsync(runId, policyFolder, ct).ConfigureAwait(false);
        await CheckLengthsAsync(runId, config, policyFolder, ct).ConfigureAwait(false);
        var checkpoint = await CreateInitialCheckpointAsync(runId, config, policyFolder, ct).ConfigureAwait(false);
        await WriteInitialRubricAsync(runId, config, configFolder, ct).ConfigureAwait(false);
        return new RunState(runId, 0, 0, checkpoint, 0, 0);
    }

    private async Task WriteConfigAsync(string runId, RunConfig config, CancellationToken ct)
    {
        try
        {
            await store.Blobs.CreateAsync(BlobLayout.Config(runId), new BinaryData(Encoding.UTF8.GetBytes(RunConfigJson.Serialize(config))), ct).ConfigureAwait(false);
        }
        catch (ArtifactConflictException)
        {
            throw new MpoInputException($"run '{runId}' already exists with a different config ({BlobLayout.Config(runId)}); use another run id, or the stored config to resume.");
        }
    }

    private async Task CopyDataAsync(string runId, RunConfig config, string configFolder, CancellationToken ct)
    {
        foreach (var (split, file) in new[] { ("train", config.Task.TrainFile), ("test", config.Task.TestFile) })
        {
            if (Resolve(configFolder, file) is { } path)
            {
                if (!File.Exists(path))
                {
                    throw new MpoInputException($"task.{split}_file: '{path}' not found.");
                }

                // Fail before anything starts: every row must load with the task's schema.
                var task = Judging.Tasks.TaskCatalog.Get(config.Task.Name);
                var rows = Judging.Tasks.TaskDataLoader.Load(task, path, new Judging.Tasks.TaskLoadOptions(config.Task.SkipIneligible)).Examples;
                if (rows.Count == 0)
                {
                    throw new MpoInputException($"task.{split}_file: '{path}' has no usable rows.");
                }

                await store.Blobs.CreateFromFileAsync(BlobLayout.Data(runId, split), path, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task UploadBaseModelAsync(string runId, string folder, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(folder, ModelConfigReader.FileName)))
        {
            throw new MpoInputException($"policy.model: '{folder}' is not a model folder (no {ModelConfigReader.FileName}).");
        }

        var names = new HashSet<string>(ModelFolder.TokenizerFiles, StringComparer.Ordinal) { ModelConfigReader.FileName, "model.safetensors.index.json" };
        var files = Directory.EnumerateFiles(folder)
            .Select(f => Path.GetFileName(f))
            .Where(n => names.Contains(n) || n.EndsWith(".safetensors", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => ArtifactSetFile.FromFile(n, Path.Combine(folder, n)));
        await store.Sets.CommitAsync(BlobLayout.BaseModel(runId), files, null, ct).ConfigureAwait(false);
    }

    /// <summary>Fails before training when the longest prompt plus <c>response_length</c> exceeds the model's positions.</summary>
    private async Task CheckLengthsAsync(string runId, RunConfig config, string policyFolder, CancellationToken ct)
    {
        var data = await Data.RunData.LoadAsync(runId, config, store, Path.Combine(options.WorkDirectory, "data"), ct).ConfigureAwait(false);
        var tokenizer = Training.Tokenization.ModelTokenizer.Load(policyFolder);
        var template = tokenizer.Specials.ChatTemplate is null ? null : Training.Tokenization.ChatTemplate.Detect(tokenizer.Specials, policyFolder);
        int longest = data.Train.Concat(data.Test).Max(p => template is null
            ? tokenizer.Encode(p.Prompt, addBos: true).Length
            : tokenizer.Encode(template.Render([new Training.Tokenization.ChatMessage("user", p.Prompt)])).Length);
        long positions = ModelConfigReader.Read(policyFolder).MaxPositions;
        if (longest + config.Rl.ResponseLength > positions)
        {
            throw new MpoInputException(
                $"rl.response_length: the longest prompt has {longest} tokens, and {longest} + {config.Rl.ResponseLength} exceeds the policy's max_position_embeddings ({positions}); lower response_length (or task.train_limit/test_limit).");
        }
    }

    private async Task<CheckpointRef> CreateInitialCheckpointAsync(string runId, RunConfig config, string policyFolder, CancellationToken ct)
    {
        var setPath = BlobLayout.Checkpoint(runId, 0);
        if (await store.Sets.GetManifestRefAsync(setPath, ct).ConfigureAwait(false) is { } existing)
        {
            return new CheckpointRef(0, existing.Path, existing.Sha256);
        }

        var local = Path.Combine(options.WorkDirectory, "staging", $"{runId}-000000-{Guid.NewGuid():n}");
        try
        {
            TorchRuntime.Initialize(config.Threads);
            using (var models = PolicyModels.CreateTrainer(policyFolder, config.EffectiveRl(), config.Lora, Seeds.For(config.Seed, "init", 0), ModelDevice.Resolve(config.Policy.Device)))
            {
                TrainerCheckpoint.Save(local, models.Trainer, new CheckpointContext(0, new Dictionary<string, torch.Generator>(), new Dictionary<string, long> { ["run_seed"] = config.Seed }), models.Lora);
            }

            var commit = await store.Sets.CommitAsync(setPath, CheckpointFiles.Of(local), new CheckpointMetadata(0, 0, 0).ToElement(), ct).ConfigureAwait(false);
            return new CheckpointRef(0, commit.ManifestRef.Path, commit.ManifestRef.Sha256);
        }
        finally
        {
            if (Directory.Exists(local))
            {
                Directory.Delete(local, recursive: true);
            }
        }
    }

    private async Task WriteInitialRubricAsync(string runId, RunConfig config, string configFolder, CancellationToken ct)
    {
        var file = Resolve(configFolder, config.Task.InitialRubricFile);
        string text;
        RubricAuthor author;
        if (file is null)
        {
            text = (config.Task.Name == Judging.Bundled.MiniQaTask.Name ? Judging.Bundled.MiniQaTask.Definition : Judging.Tasks.TaskCatalog.Get(config.Task.Name)).InitialRubric;
            author = RubricAuthor.Initial;
        }
        else
        {
            text = File.Exists(file) ? await File.ReadAllTextAsync(file, ct).ConfigureAwait(false) : throw new MpoInputException($"task.initial_rubric_file: '{file}' not found.");
            author = RubricAuthor.FromFile(Path.GetFileName(file));
        }

        var rubric = RubricFormat.Parse(text, file ?? "the task's initial rubric");
        await new RubricStore(store).WriteAsync(runId, RubricVersion.Create(0, null, 0, author, rubric), ct).ConfigureAwait(false);
    }

    private static string? Resolve(string folder, string? path) =>
        path is null ? null : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(folder, path));
}
