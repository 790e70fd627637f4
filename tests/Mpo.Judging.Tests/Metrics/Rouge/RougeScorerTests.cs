using Mpo.TestSupport;
using Mpo.Judging.Metrics.Rouge;

namespace Mpo.Judging.Tests.Metrics.Rouge;

public class RougeScorerTests
{
    [Fact]
    public void Tokenize_PunctuationCaseNonAscii_AsRougeScore()
    {
        // "It's" splits at the apostrophe; "é" is outside [a-z0-9] and splits "Café" into "caf".
        Assert.Equal(["hello", "world", "it", "s", "2024", "caf"], RougeTokenizer.Tokenize("Hello, World! It's 2024. Café"));
    }

    [Fact]
    public void Tokenize_UnicodeLowerCasing_AsPythonLower()
    {
        // Python: "\u212Aelvin" (Kelvin sign) lowers to "kelvin"; "İstanbul" lowers to "i̇stanbul" and splits at the
        // combining dot; ß and the ﬁ ligature are not ASCII and split words. rouge-score gives exactly these tokens.
        Assert.Equal(["kelvin", "i", "stanbul", "strass", "stra", "e", "le"], RougeTokenizer.Tokenize("\u212Aelvin \u0130stanbul STRASSE Stra\u00dfe \uFB01le"));
    }

    [Fact]
    public void Tokenize_Stemmer_OnlyTokensLongerThanThree()
    {
        // "dogs" (4) → "dog"; "ties"→"tie"; "was"/"its" (3) stay as written.
        Assert.Equal(["dog", "was", "its", "tie"], RougeTokenizer.Tokenize("Dogs was its ties"));
        Assert.Equal(["dogs", "was", "its", "ties"], RougeTokenizer.Tokenize("Dogs was its ties", useStemmer: false));
    }

    [Fact]
    public void Score_OneWordSubstituted_HandComputed()
    {
        // target  the cat sat on the mat / prediction the cat is on the mat (6 tokens each).
        // R1: the×2, cat, on, mat match → 5/6 both ways. R2: "the cat", "on the", "the mat" of 5 bigrams → 3/5.
        // L: LCS "the cat on the mat" = 5 → 5/6. Lsum with one sentence each equals L.
        var s = RougeScorer.Score("the cat sat on the mat", "the cat is on the mat");

        Assert.Equal(5.0 / 6, s.Rouge1.Precision, 1e-15);
        Assert.Equal(5.0 / 6, s.Rouge1.FMeasure, 1e-15);
        Assert.Equal(0.6, s.Rouge2.FMeasure, 1e-15);
        Assert.Equal(5.0 / 6, s.RougeL.FMeasure, 1e-15);
        Assert.Equal(5.0 / 6, s.RougeLsum.FMeasure, 1e-15);
    }

    [Fact]
    public void Score_Stemming_MatchesInflections()
    {
        // target [run, dog]; prediction [the, dog, run, quickli].
        // R1: 2 matches → P 2/4, R 2/2, F 2·½·1/(3/2) = 2/3. R2: "run dog" never occurs → 0.
        // L: LCS length 1 → P 1/4, R 1/2, F 2·(1/8)/(3/4) = 1/3.
        var s = RougeScorer.Score("Running dogs", "the dog runs quickly");

        Assert.Equal(new RougeScore(0.5, 1.0, 2.0 / 3), s.Rouge1);
        Assert.Equal(RougeScore.Zero, s.Rouge2);
        Assert.Equal(1.0 / 3, s.RougeL.FMeasure, 1e-15);
        Assert.Equal(0.0, RougeScorer.Score("Running dogs", "the dog runs quickly", useStemmer: false).Rouge1.FMeasure);
    }

    [Fact]
    public void Score_Lsum_UnionLcsAcrossSentences()
    {
        // target "a b c" / "d e"; prediction "a c d" / "b e".
        // Whole-text L: [a b c d e] vs [a c d b e] → LCS a c d e = 4 → 0.8.
        // Lsum: "a b c" ∪LCS = {a,c} ∪ {b} = a b c (3 hits); "d e" → {d} ∪ {e} (2 hits); 5/5 → 1.
        // R2: bigrams ab bc cd de vs ac cd db be → only "cd" → 1/4.
        var s = RougeScorer.Score("a b c\nd e", "a c d\nb e");

        Assert.Equal(0.8, s.RougeL.FMeasure, 1e-15);
        Assert.Equal(1.0, s.RougeLsum.FMeasure);
        Assert.Equal(0.25, s.Rouge2.FMeasure);
    }

    [Fact]
    public void Score_Lsum_DoesNotDoubleCountTokens()
    {
        // target "x y" twice, prediction "x y" once: the second sentence finds no unused x or y.
        // hits 2, m 4, n 2 → P 1, R ½, F 2/3. R1 clips the same way: min(2,1)+min(2,1) = 2 → 2/3.
        var s = RougeScorer.Score("x y\nx y", "x y");

        Assert.Equal(new RougeScore(1.0, 0.5, 2.0 / 3), s.RougeLsum);
        Assert.Equal(2.0 / 3, s.Rouge1.FMeasure, 1e-15);
        Assert.Equal(0.5, s.Rouge2.FMeasure, 1e-15);
    }

    [Fact]
    public void Score_EmptyPrediction_AllZero()
    {
        var s = RougeScorer.Score("some reference", "  ...  ");

        Assert.Equal(new RougeScores(RougeScore.Zero, RougeScore.Zero, RougeScore.Zero, RougeScore.Zero), s);
    }

    [Fact]
    public void Score_BillSummary_MatchesRougeScoreToTheBit()
    {
        // Known values: rouge-score's algorithm (0.1.2, use_stemmer=True, NLTK 3.8 Porter) on the same pair gives
        // rouge1 0.6666666666666666, rouge2 0.3, rougeL 0.619047619047619, rougeLsum 0.619047619047619.
        const string target = "The bill amends the Internal Revenue Code to allow a tax credit for qualified energy efficiency improvements.\nIt requires the Secretary to report annually.";
        const string prediction = "This bill amends the tax code, allowing credits for energy-efficient improvements.\nThe Secretary must report each year.";

        var s = RougeScorer.Score(target, prediction);

        Assert.Equal(0.6666666666666666, s.Rouge1.FMeasure);
        Assert.Equal(0.3, s.Rouge2.FMeasure);
        Assert.Equal(0.619047619047619, s.RougeL.FMeasure);
        Assert.Equal(0.619047619047619, s.RougeLsum.FMeasure);
    }

    [Fact]
    public void Score_PunctuationAndAccents_MatchesRougeScoreToTheBit()
    {
        // rouge-score: rouge1 0.7272727272727272, rouge2 0.4444444444444445 (exact floats).
        var s = RougeScorer.Score("Hello, World! It's 2024. Café", "hello world its 2024 caf");

        Assert.Equal(0.7272727272727272, s.Rouge1.FMeasure);
        Assert.Equal(0.4444444444444445, s.Rouge2.FMeasure);
        Assert.Equal(0.8000000000000002, RougeScorer.Score("a b c\nd e", "a c d\nb e").RougeL.FMeasure);
    }

    [Fact]
    public void Score_PaperEssayPair_MatchesRougeScoreToTheBit()
    {
        // The two responses of the first match in shared/data/elo (multi-paragraph, so Lsum differs from L).
        // rouge-score's algorithm (use_stemmer=True, NLTK 3.8 Porter) gives these exact floats.
        var first = Mpo.Judging.Metrics.Elo.MatchLogFile.Read(SharedData.Path("elo", "32b_32bvs32b_72b-1.details.json"))[0];

        var s = RougeScorer.Score(first.ModelAResponse!, first.ModelBResponse!);

        Assert.Equal(0.6197183098591549, s.Rouge1.FMeasure);
        Assert.Equal(0.3286219081272085, s.Rouge2.FMeasure);
        Assert.Equal(0.4154929577464789, s.RougeL.FMeasure);
        Assert.Equal(0.573943661971831, s.RougeLsum.FMeasure);
    }
}
