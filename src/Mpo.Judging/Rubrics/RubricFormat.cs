using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mpo.Core;

namespace Mpo.Judging.Rubrics;

/// <summary>
/// Reads and writes the paper's rubric format: <c>&lt;rubric&gt;</c> with one <c>&lt;item&gt;…&lt;/item&gt;</c> block per
/// criterion; text outside items is ignored (as the paper's parser does). MPO's items may carry attributes:
/// <c>id="…"</c> and <c>check="…"</c> (an embedded-judge check, XML-escaped).
/// </summary>
public static partial class RubricFormat
{
    /// <summary>Parses rubric text. Throws <see cref="MpoInputException"/> naming <paramref name="source"/> when no item parses.</summary>
    /// <param name="text">The rubric text.</param>
    /// <param name="source">File name or other origin, for error messages.</param>
    public static Rubric Parse(string text, string source = "rubric")
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = new List<RubricItem>();
        foreach (Match m in ItemPattern().Matches(text))
        {
            var body = m.Groups["body"].Value.Trim();
            var attributes = m.Groups["attrs"].Value;
            var id = Attribute(attributes, "id");
            var check = Attribute(attributes, "check");
            if (body.Length == 0 && check is null)
            {
                continue;
            }

            items.Add(new RubricItem(id ?? IdFor(body), body, check));
        }

        if (items.Count == 0)
        {
            throw new MpoInputException($"{source}: no <item>…</item> block parsed; a rubric needs at least one item.");
        }

        return new Rubric(items);
    }

    /// <summary>Renders a rubric: items in order, each with its id (and check when present).</summary>
    public static string Render(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var sb = new StringBuilder("<rubric>\n");
        for (int i = 0; i < rubric.Items.Count; i++)
        {
            var item = rubric.Items[i];
            if (i > 0)
            {
                sb.Append('\n');
            }

            sb.Append("<item id=\"").Append(WebUtility.HtmlEncode(item.Id)).Append('"');
            if (item.Check is not null)
            {
                sb.Append(" check=\"").Append(WebUtility.HtmlEncode(item.Check)).Append('"');
            }

            sb.Append(">\n").Append(item.Text).Append("\n</item>\n");
        }

        return sb.Append("</rubric>\n").ToString();
    }

    /// <summary>The text as a judge should read it: items only, without MPO's attributes.</summary>
    public static string RenderForJudge(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        return "<rubric>\n" + string.Join("\n\n", rubric.Items.Select(i => $"<item>\n{i.Text}\n</item>")) + "\n</rubric>";
    }

    /// <summary>Normalised text used for ids and duplicate detection: lower case, whitespace collapsed, trimmed.</summary>
    public static string Normalize(string text) =>
        Whitespace().Replace(text.Trim().ToLowerInvariant(), " ");

    /// <summary>A stable id from the normalised text: <c>i</c> + 10 hex digits of its SHA-256.</summary>
    public static string IdFor(string text) =>
        "i" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text))))[..10];

    private static string? Attribute(string attributes, string name)
    {
        var m = Regex.Match(attributes, $"\\b{name}\\s*=\\s*\"(?<v>[^\"]*)\"");
        return m.Success ? WebUtility.HtmlDecode(m.Groups["v"].Value) : null;
    }

    [GeneratedRegex(@"<item(?<attrs>\s[^>]*)?>(?<body>.*?)</item>", RegexOptions.Singleline)]
    private static partial Regex ItemPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
