using Mpo.Judging.Metrics.MathAnswers;

namespace Mpo.Judging.Tests.Metrics.MathAnswers;

public class MathEquivalenceTests
{
    [Theory]
    [InlineData("1\n2", "12")]                                                       // 1. line breaks
    [InlineData(@"10,\!000", "10,000")]                                              // 2. \!
    [InlineData(@"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", @"\begin{pmatrix}1\2\end{pmatrix}")] // 3. \\ → \
    [InlineData(@"\dfrac{1}{2}", @"\frac{1}{2}")]                                    // 4. dfrac
    [InlineData(@"\tfrac32", @"\frac{3}{2}")]                                        // 4 + 14
    [InlineData(@"\left(1,2\right)", "(1,2)")]                                       // 5. \left \right
    [InlineData(@"90^\circ", "90")]                                                  // 6. degrees
    [InlineData(@"90^{\circ}", "90")]                                                // 6.
    [InlineData(@"\$5", "5")]                                                        // 7. \$
    [InlineData(@"5\text{ cm}", "5")]                                                // 8. one "\text{ " unit
    [InlineData(@"50\%", "50")]                                                      // 9. \%
    [InlineData(".5", @"\frac{1}{2}")]                                               // 10 + 15
    [InlineData("{.5}", "{0.5}")]                                                    // 10. "{." → "{0."
    [InlineData("x = 5", "5")]                                                       // 11. short LHS
    [InlineData(@"k=\frac12", @"\frac{1}{2}")]                                       // 11 + 14
    [InlineData("x =5", "5")]                                                        // 11. "x " is 2 chars
    [InlineData(@"\sqrt3", @"\sqrt{3}")]                                             // 12. sqrt
    [InlineData(@"\sqrt32", @"\sqrt{3}2")]                                           // 12. one character only
    [InlineData("1, 2", "1,2")]                                                      // 13. spaces
    [InlineData(@"\frac12", @"\frac{1}{2}")]                                         // 14. fracs
    [InlineData(@"\frac1{72}", @"\frac{1}{72}")]                                     // 14.
    [InlineData("0.5", @"\frac{1}{2}")]                                              // 15.
    [InlineData("3/4", @"\frac{3}{4}")]                                              // 16. a/b
    [InlineData("-3/4", @"\frac{-3}{4}")]                                            // 16. negative numerator
    [InlineData(@"5\text{ m}\text{ s}", @"5\text{ m}\text{ s}")]                     // 8 fails → raw, equal
    [InlineData(@"2\sqrt", @"2\sqrt")]                                               // 12 fails → raw, equal
    [InlineData(@"\frac1", @"\frac1")]                                               // 14 gives up, unchanged
    public void IsEquivalent_NormalisationStep_Equal(string a, string b)
    {
        Assert.True(MathEquivalence.IsEquivalent(a, b));
        Assert.True(MathEquivalence.IsEquivalent(b, a));
    }

    [Theory]
    [InlineData("0.25", @"\frac14")]                     // no numeric evaluation
    [InlineData("10,000", "10000")]                      // commas kept
    [InlineData("2,3", "3,2")]                           // no reordering
    [InlineData(@"\cfrac{1}{2}", @"\frac{1}{2}")]        // \cfrac not mapped
    [InlineData("[1,2)", "(1,2)")]                       // brackets kept
    [InlineData(@"5\text{cm}", "5")]                     // \text without a space stays
    [InlineData(@"5\mbox{ cm}", "5")]                    // \mbox not touched
    [InlineData("$5", "5")]                              // bare $ kept
    [InlineData("50%", "50")]                            // bare % kept
    [InlineData("a+b=5", "5")]                           // LHS longer than 2
    [InlineData("xy =5", "5")]                           // "xy " is 3 chars (spaces count)
    [InlineData("x=y=5", "5")]                           // two '='
    [InlineData(@"\frac{1}2", @"\frac{1}{2}")]           // first argument braced: left alone
    [InlineData("0.50", @"\frac{1}{2}")]                 // only the exact string 0.5
    [InlineData("03/4", @"\frac{3}{4}")]                 // not Python's canonical int
    [InlineData("+3/4", @"\frac{3}{4}")]
    [InlineData(@"5\text{ m}\text{ s}", "5")]            // normalisation error → raw strings differ
    [InlineData(@"2\sqrt", @"2 \sqrt")]                  // raw comparison keeps spaces
    public void IsEquivalent_NonFeature_NotEqual(string a, string b)
    {
        Assert.False(MathEquivalence.IsEquivalent(a, b));
    }

    [Fact]
    public void IsEquivalent_Missing_BothEqualOneNot()
    {
        Assert.True(MathEquivalence.IsEquivalent(null, null));
        Assert.False(MathEquivalence.IsEquivalent(null, "1"));
        Assert.False(MathEquivalence.IsEquivalent("1", null));
    }

    [Theory]
    [InlineData(@"\left( 3, \dfrac{\pi}{2} \right)", @"(3,\frac{\pi}{2})")]
    [InlineData(@"10,\!000\text{ dollars}", "10,000")]
    [InlineData(@"x = \sqrt2", @"\sqrt{2}")]
    [InlineData("", "")]
    [InlineData(". 5", @"\frac{1}{2}")]                 // "0. 5" → "0.5" → step 15
    public void Normalize_Examples(string input, string expected)
    {
        Assert.Equal(expected, HendrycksNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_TwoTextUnits_Throws()
    {
        Assert.Throws<FormatException>(() => HendrycksNormalizer.Normalize(@"1\text{ a}\text{ b}"));
    }
}
