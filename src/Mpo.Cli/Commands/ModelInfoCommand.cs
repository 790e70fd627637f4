using System.CommandLine;
using System.Text.Json;
using Mpo.Training;
using Mpo.Training.Model;
using Mpo.Training.Tokenization;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo model info DIR [--json]</c>: loads a model folder (checking every weight) and describes it.</summary>
internal static class ModelInfoCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Model folder." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("info", "Describe a model folder: type, parameters, sizes, dtype, chat template, EOS ids.") { dir, json };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize(1);
            var path = parse.GetValue(dir)!;
            using var loaded = ModelFolder.Load(path);
            var c = loaded.Config;
            var specials = loaded.Tokenizer?.Specials;
            var info = new
            {
                model = path,
                type = c.Raw["model_type"]?.GetValue<string>(),
                parameters = loaded.ParameterCount,
                layers = c.LayerCount,
                hiddenSize = c.HiddenSize,
                intermediateSize = c.IntermediateSize,
                attentionHeads = c.HeadCount,
                keyValueHeads = c.KeyValueHeadCount,
                vocabSize = c.VocabSize,
                maxPositions = c.MaxPositions,
                tiedEmbeddings = c.TieWordEmbeddings,
                dtype = c.TorchDtype,
                chatTemplate = specials is null ? "none" : ChatTemplateName(specials, path),
                eosTokenIds = specials?.EosTokenIds ?? [],
            };
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(info, Json));
            }
            else
            {
                o.WriteLine($"{info.type} model at {info.model}");
                o.WriteLine($"parameters  {info.parameters:N0} ({info.dtype} in files, tied embeddings: {info.tiedEmbeddings})");
                o.WriteLine($"layers      {info.layers}, hidden {info.hiddenSize}, MLP {info.intermediateSize}, heads {info.attentionHeads} (kv {info.keyValueHeads})");
                o.WriteLine($"vocabulary  {info.vocabSize}, max positions {info.maxPositions}");
                o.WriteLine($"chat        {info.chatTemplate}; EOS ids [{string.Join(", ", info.eosTokenIds)}]");
            }

            return 0;
        });
        return command;
    }

    private static string ChatTemplateName(SpecialTokens specials, string path)
    {
        try
        {
            return ChatTemplate.Detect(specials, path).Format.ToString().ToLowerInvariant();
        }
        catch (Mpo.Core.MpoInputException)
        {
            return "unrecognised";
        }
    }
}
