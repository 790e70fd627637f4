using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mpo.Cli.Pretraining;
using Mpo.Core;
using Mpo.Judging.Bundled;
using Mpo.Training;
using Mpo.Training.Model;
using Mpo.Training.Pretraining;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo pretrain</c>: makes a tiny base policy for a bundled task from nothing but its corpus (BPE tokenizer,
/// seeded llama-type model, supervised training), saves it as a Hugging Face folder, and reports the loss and the
/// held-out greedy oracle. The bundled policy (src/Mpo.Cli/Bundled/mini-qa-policy) was made with it.
/// </summary>
internal static class PretrainCommand
{
    /// <summary>Pairs in the supervised corpus (the notes' 4000).</summary>
    public const int CorpusSize = 4000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var defaults = new SupervisedTrainerOptions();
        var task = new Option<string>("--task") { Description = "Bundled task whose corpus to learn.", DefaultValueFactory = _ => MiniQaTask.Name };
        var output = new Option<string>("--output") { Description = "Model folder to write.", DefaultValueFactory = _ => BundledPolicy.FolderName };
        var seed = new Option<int>("--seed") { Description = "Seed of the corpus, the weights and the shuffling." };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch-size") { Description = "Examples per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--learning-rate") { Description = "Peak AdamW learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var threads = new Option<int>("--threads") { Description = "CPU threads for tensor work (results depend on it).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("pretrain", "Train a tiny base policy on a bundled task's corpus and save it as a model folder.")
        {
            task, output, seed, steps, batch, lr, threads, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(task) != MiniQaTask.Name)
            {
                throw new MpoInputException($"--task '{parse.GetValue(task)}': the only bundled task is {MiniQaTask.Name}.");
            }

            Require(parse.GetValue(steps) >= 1, "--steps must be at least 1.");
            Require(parse.GetValue(batch) >= 1, "--batch-size must be at least 1.");
            Require(parse.GetValue(lr) > 0, "--learning-rate must be positive.");
            Require(parse.GetValue(threads) >= 1, "--threads must be at least 1.");
            var dir = Path.GetFullPath(parse.GetValue(output)!);
            Require(!File.Exists(dir), $"--output {dir}: a file of that name exists.");
            TorchRuntime.Initialize(parse.GetValue(threads));

            var o = parse.InvocationConfiguration.Output;
            bool asJson = parse.GetValue(json);
            int s = parse.GetValue(seed);
            var training = defaults with
            {
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                WarmupSteps = Math.Min(defaults.WarmupSteps, parse.GetValue(steps) / 10),
                Seed = s,
            };
            var request = new PretrainRequest(MiniQaData.Corpus(CorpusSize, s), dir, s, new TinyModelOptions(), training, new BpeTrainerOptions());
            var clock = Stopwatch.StartNew();
            var progress = asJson ? null : new LineProgress(o, Math.Max(1, training.Steps / 10));
            var outcome = PolicyPretraining.Run(request, progress, cancellationToken);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            using var loaded = ModelFolder.Load(dir);
            var oracle = MiniQaEvaluation.Greedy(loaded, cancellationToken: cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            if (asJson)
            {
                o.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        output = dir,
                        steps = training.Steps,
                        finalLoss = outcome.Training.FinalLoss,
                        oracleGreedy = oracle.Score,
                        oracleContent = oracle.Content,
                        oracleWellFormed = oracle.WellFormed,
                        meanWords = oracle.MeanWords,
                        heldOutPrompts = oracle.Prompts,
                        parameters = outcome.ParameterCount,
                        vocabularySize = outcome.VocabularySize,
                        trainSeconds,
                        seconds,
                    },
                    Json));
            }
            else
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Saved {dir} ({outcome.ParameterCount} parameters, {outcome.VocabularySize} tokens)."));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Final loss {outcome.Training.FinalLoss:F4} after {training.Steps} steps ({trainSeconds:F1} s)."));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Held-out greedy oracle {oracle.Score:F3} (content {oracle.Content:F3}, well-formed {oracle.WellFormed:F3}, {oracle.MeanWords:F1} words) over {oracle.Prompts} prompts; {seconds:F1} s in all."));
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new MpoInputException(message);
        }
    }

    private sealed class LineProgress(TextWriter output, int every) : IProgress<SupervisedProgress>
    {
        public void Report(SupervisedProgress value)
        {
            if (value.Step % every == 0 || value.Step == value.Steps)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {value.Step}/{value.Steps}  loss {value.Loss:F4}  lr {value.LearningRate:G3}"));
            }
        }
    }
}
