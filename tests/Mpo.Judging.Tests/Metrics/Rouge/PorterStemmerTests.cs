using Mpo.Judging.Metrics.Rouge;

namespace Mpo.Judging.Tests.Metrics.Rouge;

public class PorterStemmerTests
{
    // Expected stems are NLTK 3.8's PorterStemmer() (NLTK_EXTENSIONS mode) on the same words.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "tie")]             // NLTK: 4-letter "ies" → "ie"
    [InlineData("flies", "fli")]
    [InlineData("agreed", "agre")]
    [InlineData("feed", "feed")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("formality", "formal")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("adjustment", "adjust")]
    [InlineData("controlling", "control")]
    [InlineData("generously", "gener")]
    [InlineData("analogies", "analog")]
    [InlineData("dying", "die")]            // irregular form
    [InlineData("skies", "sky")]
    [InlineData("succeeded", "succeed")]
    [InlineData("proceeding", "proceed")]
    [InlineData("electricity", "electr")]
    [InlineData("electrical", "electr")]
    [InlineData("running", "run")]
    [InlineData("summaries", "summari")]
    [InlineData("legislation", "legisl")]
    [InlineData("provisions", "provis")]
    [InlineData("established", "establish")]
    [InlineData("federal", "feder")]
    [InlineData("energy", "energi")]
    [InlineData("efficient", "effici")]
    [InlineData("improvements", "improv")]
    [InlineData("this", "thi")]
    public void Stem_Word_MatchesNltk(string word, string expected)
    {
        Assert.Equal(expected, PorterStemmer.Stem(word));
    }
}
