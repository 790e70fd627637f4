using System.CommandLine;
using System.Text.Json;
using Mpo.Core;
using Mpo.Training;
using Mpo.Training.Generation;
using Mpo.Training.Model;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo model generate --model DIR --prompt TEXT [--prompt TEXT ...]</c>: generates for all prompts as one
/// left-padded batch and prints each response (or, with <c>--json</c>, ids, text and the top logits).
/// </summary>
internal static class ModelGenerateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder (config.json, safetensors, tokenizer.json).", Required = true };
        var prompts = new Option<string[]>("--prompt") { Description = "A prompt; repeat for a batch.", Required = true };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Most tokens generated per prompt.", DefaultValueFactory = _ => 32 };
        var greedy = new Option<bool>("--greedy") { Description = "Take the most likely token each step." };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature (default 0.7)." };
        var topP = new Option<double?>("--top-p") { Description = "Nucleus sampling mass (default 1: off)." };
        var topK = new Option<int?>("--top-k") { Description = "Sample among the k most likely tokens (default 0: off)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed; prompt i samples with seed + i (default 0)." };
        var chat = new Option<bool>("--chat") { Description = "Format each prompt as a user turn of the folder's chat template." };
        var device = new Option<string>("--device") { Description = "cpu (default) or cuda[:N] (needs a CUDA build).", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "CPU threads for tensor work.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("generate", "Generate responses for one or more prompts.")
        {
            model, prompts, maxNew, greedy, temperature, topP, topK, seed, chat, device, threads, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var isGreedy = parse.GetValue(greedy);
            if (isGreedy && (parse.GetValue(temperature) is not null || parse.GetValue(topP) is not null || parse.GetValue(topK) is not null || parse.GetValue(seed) is not null))
            {
                throw new MpoInputException("--greedy cannot be combined with --temperature, --top-p, --top-k or --seed.");
            }

            if (parse.GetValue(threads) < 1)
            {
                throw new MpoInputException("--threads must be at least 1.");
            }

            var options = new GenerationOptions
            {
                MaxNewTokens = parse.GetValue(maxNew),
                Greedy = isGreedy,
                Temperature = parse.GetValue(temperature) ?? 0.7,
                TopP = parse.GetValue(topP) ?? 1.0,
                TopK = parse.GetValue(topK) ?? 0,
                Seed = parse.GetValue(seed) ?? 0,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new MpoInputException($"--{Kebab(e.ParamName)}: {e.Message.Split(" (Parameter")[0]}");
            }

            TorchRuntime.Initialize(parse.GetValue(threads));
            var dir = parse.GetValue(model)!;
            using var loaded = ModelFolder.Load(dir, ModelDevice.Resolve(parse.GetValue(device)));
            var results = CompletionRunner.Run(loaded, parse.GetValue(prompts)!, parse.GetValue(chat), options, cancellationToken);
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(new { model = dir, device = loaded.Device.ToString(), results }, Json));
            }
            else
            {
                foreach (var r in results)
                {
                    o.WriteLine($"> {r.Prompt}");
                    o.WriteLine(r.Text);
                    o.WriteLine();
                }
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static string Kebab(string? name) => name switch
    {
        nameof(GenerationOptions.MaxNewTokens) => "max-new-tokens",
        nameof(GenerationOptions.TopP) => "top-p",
        nameof(GenerationOptions.TopK) => "top-k",
        _ => name?.ToLowerInvariant() ?? "option",
    };
}
