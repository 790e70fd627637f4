using System.Text;

namespace Mpo.Judging.Embedded.Checks;

/// <summary>Splits a check into words, numbers, strings and symbols (<c>&lt;= &gt;= &lt; &gt; == != ( ) , ..</c>).</summary>
internal static class CheckLexer
{
    public static List<CheckToken> Tokenize(string check)
    {
        var tokens = new List<CheckToken>();
        int i = 0;
        while (i < check.Length)
        {
            char c = check[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i;
                while (i < check.Length && (char.IsAsciiLetterOrDigit(check[i]) || check[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new CheckToken(CheckTokenKind.Word, check[start..i].ToLowerInvariant(), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < check.Length && char.IsAsciiDigit(check[i + 1])))
            {
                tokens.Add(ReadNumber(check, ref i));
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(check, ref i));
            }
            else
            {
                tokens.Add(ReadSymbol(check, ref i));
            }
        }

        tokens.Add(new CheckToken(CheckTokenKind.End, "", check.Length));
        return tokens;
    }

    private static CheckToken ReadNumber(string check, ref int i)
    {
        int start = i;
        i++;
        while (i < check.Length && char.IsAsciiDigit(check[i]))
        {
            i++;
        }

        // A '.' followed by a digit is a fraction; '..' is the range symbol.
        if (i + 1 < check.Length && check[i] == '.' && char.IsAsciiDigit(check[i + 1]))
        {
            i++;
            while (i < check.Length && char.IsAsciiDigit(check[i]))
            {
                i++;
            }
        }

        return new CheckToken(CheckTokenKind.Number, check[start..i], start);
    }

    private static CheckToken ReadString(string check, ref int i)
    {
        int start = i;
        var sb = new StringBuilder();
        i++;
        while (i < check.Length && check[i] != '"')
        {
            // Escapes: \" and \\ only; any other backslash is literal, so regexes read naturally ("\d+").
            if (check[i] == '\\' && i + 1 < check.Length && (check[i + 1] == '"' || check[i + 1] == '\\'))
            {
                i++;
            }

            sb.Append(check[i]);
            i++;
        }

        if (i >= check.Length)
        {
            throw new CheckSyntaxException(check, start + 1, "string is not closed by '\"'");
        }

        i++;
        return new CheckToken(CheckTokenKind.String, sb.ToString(), start);
    }

    private static CheckToken ReadSymbol(string check, ref int i)
    {
        string[] symbols = ["<=", ">=", "==", "!=", "..", "<", ">", "(", ")", ","];
        foreach (var symbol in symbols)
        {
            if (string.CompareOrdinal(check, i, symbol, 0, symbol.Length) == 0)
            {
                var token = new CheckToken(CheckTokenKind.Symbol, symbol, i);
                i += symbol.Length;
                return token;
            }
        }

        throw new CheckSyntaxException(check, i + 1, $"unexpected character '{check[i]}'");
    }
}
