using System.Text.Json;
using Mpo.Training.Model;
using Mpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Mpo.Training.Pretraining;

/// <summary>What <see cref="PolicyPretraining.Run"/> needs.</summary>
/// <param name="Corpus">Supervised (prompt, response) pairs; the tokenizer is trained on the same text.</param>
/// <param name="OutputDirectory">The model folder to write.</param>
/// <param name="Seed">Seed of the weight initialisation (shuffling uses <see cref="SupervisedTrainerOptions.Seed"/>).</param>
/// <param name="Model">The model's shape.</param>
/// <param name="Training">The optimisation recipe.</param>
/// <param name="Tokenizer">The BPE recipe.</param>
public sealed record PretrainRequest(
    IReadOnlyList<(string Prompt, string Response)> Corpus,
    string OutputDirectory,
    long Seed,
    TinyModelOptions Model,
    SupervisedTrainerOptions Training,
    BpeTrainerOptions Tokenizer);

/// <summary>The outcome of <see cref="PolicyPretraining.Run"/>.</summary>
/// <param name="Training">Losses of the run.</param>
/// <param name="ParameterCount">Parameters of the model (the tied head counted once).</param>
/// <param name="VocabularySize">Tokens of the trained tokenizer.</param>
public sealed record PretrainOutcome(SupervisedResult Training, long ParameterCount, int VocabularySize);

/// <summary>
/// Makes a base model from nothing but a corpus: trains a byte-level BPE on it, builds a tiny llama-type model with
/// seeded weights, fine-tunes it on the pairs (response = " " + response text, then EOS), and saves a Hugging Face
/// model folder that <see cref="ModelFolder.Load"/> reads back.
/// </summary>
public static class PolicyPretraining
{
    /// <summary>The generation settings file written next to the weights.</summary>
    public const string GenerationConfigFile = "generation_config.json";

    /// <summary>Text a pair's response is learned as: the prompt is followed by one space, then the response.</summary>
    public static string ResponseText(string response) => " " + response;

    /// <summary>Runs the whole recipe and writes <see cref="PretrainRequest.OutputDirectory"/>.</summary>
    public static PretrainOutcome Run(PretrainRequest request, IProgress<SupervisedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Corpus.Count == 0)
        {
            throw new ArgumentException("The corpus is empty.", nameof(request));
        }

        // 1. Tokenizer: BPE on the corpus text, written as the folder's tokenizer files.
        var directory = request.OutputDirectory;
        var vocabulary = BpeTrainer.Train(request.Corpus.Select(p => p.Prompt + ResponseText(p.Response)), request.Tokenizer);
        TokenizerFilesWriter.Write(vocabulary, directory, request.Model.MaxPositions);
        WriteGenerationConfig(directory, endOfTextId: 0, padTokenId: vocabulary.PaddingId);
        var tokenizer = ModelTokenizer.Load(directory);
        int eos = tokenizer.Specials.EosTokenIds[0];

        // 2. Examples as ids: BOS + prompt, then response + EOS.
        var examples = request.Corpus
            .Select(p => new SupervisedExample(tokenizer.Encode(p.Prompt, addBos: true), [.. tokenizer.Encode(ResponseText(p.Response)), eos]))
            .ToList();
        var tooLong = examples.FirstOrDefault(e => e.PromptIds.Length + e.ResponseIds.Length > request.Model.MaxPositions);
        if (tooLong is not null)
        {
            throw new ArgumentException($"An example has {tooLong.PromptIds.Length + tooLong.ResponseIds.Length} tokens, more than max_position_embeddings {request.Model.MaxPositions}.", nameof(request));
        }

        // 3. Model, training, save.
        var config = TinyModel.Config(request.Model, vocabulary.Tokens.Count, endOfTextId: 0, padTokenId: vocabulary.PaddingId);
        var model = TinyModel.Create(config, request.Seed, request.Model.InitializerRange);
        using var loaded = new LoadedModel(directory, config, model, tokenizer, CPU, ScalarType.Float32);
        SupervisedResult result;
        using (var trainer = new SupervisedTrainer(model, request.Training with { PadTokenId = tokenizer.Specials.PadTokenId }))
        {
            result = trainer.Train(examples, progress, cancellationToken);
        }

        ModelFolder.Save(loaded, directory, ScalarType.Float32);
        return new PretrainOutcome(result, loaded.ParameterCount, vocabulary.Tokens.Count);
    }

    private static void WriteGenerationConfig(string directory, int endOfTextId, int padTokenId)
    {
        var settings = new Dictionary<string, object>
        {
            ["bos_token_id"] = endOfTextId,
            ["eos_token_id"] = endOfTextId,
            ["pad_token_id"] = padTokenId,
        };
        File.WriteAllText(Path.Combine(directory, GenerationConfigFile), JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
