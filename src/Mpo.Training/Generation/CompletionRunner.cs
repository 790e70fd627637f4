using Mpo.Training.Model;
using Mpo.Training.Tokenization;

namespace Mpo.Training.Generation;

/// <summary>
/// Text in, text out: encodes prompts (plain, or through the folder's chat template), generates them as one
/// left-padded batch, and decodes. The command line and tests share this path.
/// </summary>
public static class CompletionRunner
{
    /// <summary>How many of the last prompt position's logits a <see cref="Completion"/> reports.</summary>
    public const int TopLogitCount = 5;

    /// <summary>Encodes one prompt as the model will read it.</summary>
    public static int[] EncodePrompt(LoadedModel loaded, string prompt, bool chat)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var tokenizer = loaded.RequireTokenizer();
        if (!chat)
        {
            return tokenizer.Encode(prompt, addBos: true);
        }

        var template = ChatTemplate.Detect(tokenizer.Specials, loaded.Directory);
        return tokenizer.Encode(template.Render([new ChatMessage("user", prompt)]));
    }

    /// <summary>
    /// Generates for <paramref name="prompts"/>; stop and pad ids default to the tokenizer's when
    /// <paramref name="options"/> leaves <see cref="GenerationOptions.StopTokenIds"/> unset.
    /// </summary>
    public static IReadOnlyList<Completion> Run(LoadedModel loaded, IReadOnlyList<string> prompts, bool chat, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        var tokenizer = loaded.RequireTokenizer();
        var encoded = prompts.Select(p => EncodePrompt(loaded, p, chat)).ToList();
        var empty = encoded.FindIndex(e => e.Length == 0);
        if (empty >= 0)
        {
            throw new Mpo.Core.MpoInputException($"--prompt #{empty + 1} encodes to no tokens; give a non-empty prompt.");
        }

        var settings = options with
        {
            StopTokenIds = options.StopTokenIds ?? tokenizer.Specials.EosTokenIds,
            PadTokenId = options.StopTokenIds is null ? tokenizer.Specials.PadTokenId : options.PadTokenId,
        };
        using var batch = PromptBatch.LeftPadded(encoded, settings.PadTokenId, loaded.Device);
        using var result = TextGenerator.Generate(loaded.Model, batch, settings, cancellationToken);
        using var scope = TorchSharp.torch.NewDisposeScope();
        var k = (int)Math.Min(TopLogitCount, result.LastPromptLogits.shape[1]);
        var (topValues, topIndexes) = result.LastPromptLogits.cpu().topk(k, -1); // (B, k) each
        var values = topValues.data<float>().ToArray();
        var indices = topIndexes.data<long>().ToArray();
        var completions = new List<Completion>();
        for (int row = 0; row < prompts.Count; row++)
        {
            var generated = result.ResponseIds(row).Select(i => (int)i).ToArray();
            var topLogits = Enumerable.Range(row * k, k).Select(j => new TokenLogit((int)indices[j], values[j])).ToList();
            completions.Add(new Completion(prompts[row], encoded[row], generated, tokenizer.Decode(generated), topLogits));
        }

        return completions;
    }
}
