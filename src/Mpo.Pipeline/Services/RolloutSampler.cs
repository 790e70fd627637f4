using Mpo.Pipeline.Data;
using Mpo.Pipeline.Records;
using Mpo.Training.Generation;
using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Pipeline.Services;

/// <summary>Samples responses for a list of prompts in one left-padded batch and turns them into <see cref="RolloutRecord"/>s.</summary>
public static class RolloutSampler
{
    /// <summary>Generates for <paramref name="rows"/> (prompt, id) with the policy; row i samples with seed <c>seed + i</c>.</summary>
    public static IReadOnlyList<RolloutRecord> Sample(
        LoadedModel policy, IReadOnlyList<(string Id, PromptExample Example)> rows, int maxNewTokens, double temperature, bool greedy, ulong seed, CancellationToken ct)
    {
        var tokenizer = policy.RequireTokenizer();
        bool chat = tokenizer.Specials.ChatTemplate is not null;
        var encoded = rows.Select(r => CompletionRunner.EncodePrompt(policy, r.Example.Prompt, chat)).ToList();
        var stop = tokenizer.Specials.EosTokenIds;
        var options = new GenerationOptions
        {
            MaxNewTokens = maxNewTokens,
            Temperature = temperature,
            Greedy = greedy,
            Seed = seed,
            StopTokenIds = stop,
            PadTokenId = tokenizer.Specials.PadTokenId,
        };
        using var batch = PromptBatch.LeftPadded(encoded, options.PadTokenId, policy.Device);
        using var result = TextGenerator.Generate(policy.Model, batch, options, ct);
        using var logprobs = result.LogProbs.cpu(); // (B, T)
        var records = new List<RolloutRecord>(rows.Count);
        for (int row = 0; row < rows.Count; row++)
        {
            var ids = result.ResponseIds(row).Select(i => (int)i).ToArray();
            using var rowLogprobs = logprobs[row].narrow(0, 0, ids.Length);
            var lp = rowLogprobs.data<float>().ToArray();
            bool eos = ids.Length > 0 && stop.Contains(ids[^1]);
            var (id, example) = rows[row];
            records.Add(new RolloutRecord(id, example.Id, example.Prompt, example.Fields, tokenizer.Decode(ids), encoded[row], ids, lp, eos));
        }

        return records;
    }
}
