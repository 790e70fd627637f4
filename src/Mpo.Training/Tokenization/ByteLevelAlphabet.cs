using System.Text;

namespace Mpo.Training.Tokenization;

/// <summary>
/// GPT-2's byte-to-character table: each of the 256 byte values maps to a printable character (space → 'Ġ'), so
/// byte-level vocabularies are plain strings.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] Table = Build();

    /// <summary>The character standing for byte <paramref name="b"/>.</summary>
    public static char ToChar(byte b) => Table[b];

    /// <summary>The byte-level string of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = Table[bytes[i]];
        }

        return new string(chars);
    }

    private static char[] Build()
    {
        // Printable Latin-1 bytes stand for themselves; the rest are shifted above 255 in order.
        var table = new char[256];
        var n = 0;
        for (int b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char)b : (char)(256 + n++);
        }

        return table;
    }
}
