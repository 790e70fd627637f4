namespace Mpo.Judging.Metrics.Rouge;

/// <summary>Precision, recall and F-measure of one ROUGE variant, as <c>rouge_score.scoring.Score</c>.</summary>
/// <param name="Precision">Matches over prediction units.</param>
/// <param name="Recall">Matches over reference units.</param>
/// <param name="FMeasure">2PR/(P+R), or 0 when P+R is 0.</param>
public sealed record RougeScore(double Precision, double Recall, double FMeasure)
{
    /// <summary>The score of an empty comparison.</summary>
    public static RougeScore Zero { get; } = new(0, 0, 0);

    /// <summary>Builds a score from precision and recall with <c>rouge-score</c>'s F-measure.</summary>
    public static RougeScore From(double precision, double recall) =>
        new(precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0);
}

/// <summary>The four ROUGE variants the paper reports for one prediction/reference pair.</summary>
/// <param name="Rouge1">Unigram overlap.</param>
/// <param name="Rouge2">Bigram overlap.</param>
/// <param name="RougeL">Longest common subsequence over the whole texts.</param>
/// <param name="RougeLsum">Summary-level union LCS over newline-separated sentences.</param>
public sealed record RougeScores(RougeScore Rouge1, RougeScore Rouge2, RougeScore RougeL, RougeScore RougeLsum);
