using Mpo.Judging.Bundled;
using Mpo.Training.Generation;
using Mpo.Training.Model;

namespace Mpo.Cli.Pretraining;

/// <summary>The bundled task's oracle over a policy's greedy answers to held-out prompts.</summary>
/// <param name="Score">Mean oracle score in [0, 1].</param>
/// <param name="Content">Share of answers with the right content.</param>
/// <param name="WellFormed">Share of answers that are exactly a valid template and ended with EOS.</param>
/// <param name="MeanWords">Mean response length in words.</param>
/// <param name="Prompts">Number of prompts judged.</param>
public sealed record MiniQaOracleReport(double Score, double Content, double WellFormed, double MeanWords, int Prompts);

/// <summary>
/// Generates greedy answers for the bundled task's held-out prompts (<see cref="MiniQaData.Test"/>) and judges them
/// with <see cref="MiniQaOracle"/>, which training never sees.
/// </summary>
public static class MiniQaEvaluation
{
    /// <summary>Most tokens generated per answer (the notes' cap: the valid answers need at most 8).</summary>
    public const int MaxNewTokens = 24;

    private const int BatchSize = 128;

    /// <summary>Judges <paramref name="loaded"/> on <paramref name="examples"/> (default: every held-out prompt).</summary>
    public static MiniQaOracleReport Greedy(LoadedModel loaded, IReadOnlyList<MiniQaExample>? examples = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        examples ??= MiniQaData.Test;
        var eos = loaded.RequireTokenizer().Specials.EosTokenIds.ToHashSet();
        var options = new GenerationOptions { Greedy = true, MaxNewTokens = MaxNewTokens };
        var verdicts = new List<MiniQaVerdict>();
        double words = 0;
        foreach (var chunk in examples.Chunk(BatchSize))
        {
            var completions = CompletionRunner.Run(loaded, chunk.Select(e => e.Prompt).ToList(), chat: false, options, cancellationToken);
            for (int i = 0; i < chunk.Length; i++)
            {
                var c = completions[i];
                bool ended = c.GeneratedTokenIds.Length > 0 && eos.Contains(c.GeneratedTokenIds[^1]);
                verdicts.Add(MiniQaOracle.Judge(chunk[i], c.Text, ended));
                words += c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            }
        }

        int n = Math.Max(1, verdicts.Count);
        return new MiniQaOracleReport(
            verdicts.Sum(v => v.Score) / n, verdicts.Sum(v => v.Content) / n, verdicts.Sum(v => v.WellFormed) / n, words / n, verdicts.Count);
    }
}
