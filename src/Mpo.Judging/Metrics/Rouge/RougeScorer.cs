namespace Mpo.Judging.Metrics.Rouge;

/// <summary>
/// ROUGE-1/2/L/Lsum as Google's <c>rouge-score</c> computes them (<c>RougeScorer(["rouge1","rouge2","rougeL",
/// "rougeLsum"], use_stemmer=True).score(target, prediction)</c>), so summarization results compare with the paper's.
/// </summary>
public static class RougeScorer
{
    /// <summary>Scores <paramref name="prediction"/> against <paramref name="reference"/> (the target).</summary>
    public static RougeScores Score(string reference, string prediction, bool useStemmer = true)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(prediction);
        var target = RougeTokenizer.Tokenize(reference, useStemmer);
        var predicted = RougeTokenizer.Tokenize(prediction, useStemmer);
        return new RougeScores(
            NGrams(target, predicted, 1),
            NGrams(target, predicted, 2),
            Lcs(target, predicted),
            SummaryLevelLcs(Sentences(reference, useStemmer), Sentences(prediction, useStemmer)));
    }

    /// <summary>ROUGE-N: clipped n-gram matches over prediction (precision) and reference (recall) n-gram counts.</summary>
    public static RougeScore NGrams(IReadOnlyList<string> target, IReadOnlyList<string> prediction, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var targetCounts = CountNGrams(target, n);
        var predictionCounts = CountNGrams(prediction, n);
        int overlap = 0;
        foreach (var (gram, count) in targetCounts)
        {
            overlap += Math.Min(count, predictionCounts.GetValueOrDefault(gram));
        }

        int targetTotal = Math.Max(0, target.Count - n + 1);
        int predictionTotal = Math.Max(0, prediction.Count - n + 1);
        return RougeScore.From((double)overlap / Math.Max(predictionTotal, 1), (double)overlap / Math.Max(targetTotal, 1));
    }

    /// <summary>ROUGE-L: LCS length over prediction and reference lengths; zero when either is empty.</summary>
    public static RougeScore Lcs(IReadOnlyList<string> target, IReadOnlyList<string> prediction)
    {
        if (target.Count == 0 || prediction.Count == 0)
        {
            return RougeScore.Zero;
        }

        int lcs = LcsTable(target, prediction)[target.Count, prediction.Count];
        return RougeScore.From((double)lcs / prediction.Count, (double)lcs / target.Count);
    }

    /// <summary>
    /// ROUGE-Lsum: for each reference sentence, the union of its LCS token positions with every prediction
    /// sentence; each union token counts as a hit while both texts still have an unused occurrence of it.
    /// </summary>
    public static RougeScore SummaryLevelLcs(IReadOnlyList<IReadOnlyList<string>> target, IReadOnlyList<IReadOnlyList<string>> prediction)
    {
        int m = target.Sum(s => s.Count);
        int n = prediction.Sum(s => s.Count);
        if (target.Count == 0 || prediction.Count == 0 || m == 0 || n == 0)
        {
            return RougeScore.Zero;
        }

        var targetLeft = CountTokens(target);
        var predictionLeft = CountTokens(prediction);
        int hits = 0;
        foreach (var sentence in target)
        {
            var union = new SortedSet<int>();
            foreach (var candidate in prediction)
            {
                union.UnionWith(LcsIndices(sentence, candidate));
            }

            foreach (var token in union.Select(i => sentence[i]))
            {
                if (predictionLeft[token] > 0 && targetLeft[token] > 0)
                {
                    hits++;
                    predictionLeft[token]--;
                    targetLeft[token]--;
                }
            }
        }

        return RougeScore.From((double)hits / n, (double)hits / m);
    }

    /// <summary>Sentences for ROUGE-Lsum: the text split at <c>\n</c>, empty lines dropped, each tokenized.</summary>
    private static List<IReadOnlyList<string>> Sentences(string text, bool useStemmer) =>
        text.Split('\n').Where(s => s.Length > 0).Select(s => RougeTokenizer.Tokenize(s, useStemmer)).ToList();

    private static Dictionary<string, int> CountNGrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            // Tokens are [a-z0-9]+, so a space joins them without ambiguity.
            var gram = string.Join(' ', tokens.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    private static Dictionary<string, int> CountTokens(IEnumerable<IReadOnlyList<string>> sentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in sentences.SelectMany(s => s))
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }

    private static int[,] LcsTable(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = new int[reference.Count + 1, candidate.Count + 1];
        for (int i = 1; i <= reference.Count; i++)
        {
            for (int j = 1; j <= candidate.Count; j++)
            {
                table[i, j] = reference[i - 1] == candidate[j - 1]
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table;
    }

    /// <summary>Reference positions of one LCS, read back as <c>_backtrack_norec</c> does (ties move up, not left).</summary>
    private static List<int> LcsIndices(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = LcsTable(reference, candidate);
        var indices = new List<int>();
        int i = reference.Count, j = candidate.Count;
        while (i > 0 && j > 0)
        {
            if (reference[i - 1] == candidate[j - 1])
            {
                indices.Add(i - 1);
                i--;
                j--;
            }
            else if (table[i, j - 1] > table[i - 1, j])
            {
                j--;
            }
            else
            {
                i--;
            }
        }

        indices.Reverse();
        return indices;
    }
}
