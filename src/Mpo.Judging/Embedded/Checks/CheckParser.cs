using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpo.Judging.Embedded.Checks;

/// <summary>
/// Parses the check language (grammar in docs/check-language.md) into a <see cref="Check"/>. Errors are
/// <see cref="CheckSyntaxException"/>s naming the column and what was expected.
/// </summary>
public sealed class CheckParser
{
    private readonly string _text;
    private readonly List<CheckToken> _tokens;
    private int _next;

    private CheckParser(string text)
    {
        _text = text;
        _tokens = CheckLexer.Tokenize(text);
    }

    /// <summary>Parses <paramref name="check"/>.</summary>
    public static Check Parse(string check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var parser = new CheckParser(check);
        var result = parser.ParseCheck();
        parser.Expect(CheckTokenKind.End, "the end of the check");
        return result;
    }

    private CheckToken Peek => _tokens[_next];

    private Check ParseCheck()
    {
        if (IsWord("scale"))
        {
            _next++;
            var measure = ParseMeasure();
            ExpectWord("from");
            var from = ParseNumber();
            ExpectWord("to");
            var to = ParseNumber();
            if (from == to)
            {
                throw Error(_tokens[_next - 1], "'from' and 'to' of a scale must differ");
            }

            ExpectWord("score");
            return new ScaleCheck(measure, from, to, ParseScoreRange(allowDescending: true));
        }

        var condition = ParseOr();
        CheckScore? score = null;
        if (IsWord("score"))
        {
            _next++;
            score = ParseScoreRange(allowDescending: false);
        }

        return new ConditionCheck(condition, score);
    }

    private CheckScore ParseScoreRange(bool allowDescending)
    {
        var first = Peek;
        int min = ParseInteger();
        ExpectSymbol("..");
        int max = ParseInteger();
        if (min == max || (!allowDescending && min > max))
        {
            throw Error(first, allowDescending ? "a score range needs two different ends" : "a score range needs min < max");
        }

        return new CheckScore(min, max);
    }

    private CheckCondition ParseOr()
    {
        var left = ParseAnd();
        while (IsWord("or"))
        {
            _next++;
            left = new OrCondition(left, ParseAnd());
        }

        return left;
    }

    private CheckCondition ParseAnd()
    {
        var left = ParseNot();
        while (IsWord("and"))
        {
            _next++;
            left = new AndCondition(left, ParseNot());
        }

        return left;
    }

    private CheckCondition ParseNot()
    {
        if (IsWord("not"))
        {
            _next++;
            return new NotCondition(ParseNot());
        }

        return ParsePrimary();
    }

    private CheckCondition ParsePrimary()
    {
        var token = Peek;
        if (token is { Kind: CheckTokenKind.Symbol, Text: "(" })
        {
            _next++;
            var inner = ParseOr();
            ExpectSymbol(")");
            return inner;
        }

        if (token.Kind != CheckTokenKind.Word)
        {
            throw Error(token, $"expected a condition but found {token.Describe()}");
        }

        switch (token.Text)
        {
            case "regex":
                _next++;
                var patternToken = Expect(CheckTokenKind.String, "a quoted pattern after 'regex'");
                ValidateRegex(patternToken);
                ExpectWord("must");
                bool mustMatch = true;
                if (IsWord("not"))
                {
                    _next++;
                    mustMatch = false;
                }

                ExpectWord("match");
                return new RegexCondition(patternToken.Text, mustMatch);
            case "ends_with":
                _next++;
                return new EndsWithCondition(Expect(CheckTokenKind.String, "a quoted suffix after 'ends_with'").Text);
            case "boxed_equals_gold":
                _next++;
                return new FlagCondition(CheckFlag.BoxedEqualsGold);
            case "verdict_present":
                _next++;
                return new FlagCondition(CheckFlag.VerdictPresent);
            case "completed":
                _next++;
                return new FlagCondition(CheckFlag.Completed);
            case "injection_free":
                _next++;
                return new FlagCondition(CheckFlag.InjectionFree);
            case "contains_gold":
                _next++;
                return new FlagCondition(CheckFlag.ContainsGold);
        }

        var measure = ParseMeasure();
        if (IsWord("between"))
        {
            _next++;
            var low = ParseNumber();
            ExpectWord("and");
            var highToken = Peek;
            var high = ParseNumber();
            if (low > high)
            {
                throw Error(highToken, "'between A and B' needs A <= B");
            }

            return new BetweenCondition(measure, low, high);
        }

        var opToken = Peek;
        CompareOp? op = opToken is { Kind: CheckTokenKind.Symbol } ? opToken.Text switch
        {
            "<" => CompareOp.Less,
            "<=" => CompareOp.LessOrEqual,
            ">" => CompareOp.Greater,
            ">=" => CompareOp.GreaterOrEqual,
            "==" => CompareOp.Equal,
            "!=" => CompareOp.NotEqual,
            _ => null,
        } : null;
        if (op is null)
        {
            throw Error(opToken, $"expected a comparison (<, <=, >, >=, ==, !=) or 'between' after the measure but found {opToken.Describe()}");
        }

        _next++;
        return new CompareCondition(measure, op.Value, ParseNumber());
    }

    private Measure ParseMeasure()
    {
        var token = Peek;
        if (token.Kind != CheckTokenKind.Word)
        {
            throw Error(token, $"expected a measure but found {token.Describe()}");
        }

        MeasureKind? kind = token.Text switch
        {
            "words" => MeasureKind.Words,
            "chars" => MeasureKind.Chars,
            "max_repeated_ngram" => MeasureKind.MaxRepeatedNgram,
            "distinct" => MeasureKind.Distinct,
            "prompt_overlap" => MeasureKind.PromptOverlap,
            "top_word_share" => MeasureKind.TopWordShare,
            _ => null,
        };
        if (kind is null)
        {
            throw Error(token, $"unknown condition or measure '{token.Text}' (see docs/check-language.md)");
        }

        _next++;
        if (kind is MeasureKind.Words or MeasureKind.Chars or MeasureKind.TopWordShare)
        {
            return new Measure(kind.Value);
        }

        ExpectSymbol("(");
        var nToken = Peek;
        int n = ParseInteger();
        if (n is < 1 or > 10)
        {
            throw Error(nToken, "n-gram size must be between 1 and 10");
        }

        ExpectSymbol(")");
        return new Measure(kind.Value, n);
    }

    private double ParseNumber()
    {
        var token = Expect(CheckTokenKind.Number, "a number");
        return double.Parse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private int ParseInteger()
    {
        var token = Expect(CheckTokenKind.Number, "an integer");
        if (!int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(token, $"expected an integer but found '{token.Text}'");
        }

        return value;
    }

    private void ValidateRegex(CheckToken token)
    {
        try
        {
            _ = new Regex(token.Text, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw Error(token, $"invalid regex: {e.Message}");
        }
    }

    private bool IsWord(string word) => Peek.Kind == CheckTokenKind.Word && Peek.Text == word;

    private void ExpectWord(string word)
    {
        if (!IsWord(word))
        {
            throw Error(Peek, $"expected '{word}' but found {Peek.Describe()}");
        }

        _next++;
    }

    private void ExpectSymbol(string symbol)
    {
        if (Peek.Kind != CheckTokenKind.Symbol || Peek.Text != symbol)
        {
            throw Error(Peek, $"expected '{symbol}' but found {Peek.Describe()}");
        }

        _next++;
    }

    private CheckToken Expect(CheckTokenKind kind, string what)
    {
        var token = Peek;
        if (token.Kind != kind)
        {
            throw Error(token, $"expected {what} but found {token.Describe()}");
        }

        _next++;
        return token;
    }

    private CheckSyntaxException Error(CheckToken token, string problem) => new(_text, token.Offset + 1, problem);
}
