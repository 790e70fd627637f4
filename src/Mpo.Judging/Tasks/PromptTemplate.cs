using System.Text.RegularExpressions;
using Mpo.Core;

namespace Mpo.Judging.Tasks;

/// <summary>
/// Fills <c>{field}</c> placeholders (a letter or underscore, then letters, digits, underscores). Other braces, such
/// as the <c>\boxed{ }</c> in the math prompt, are literal text, so templates need no escaping. Task fields are
/// carried explicitly rather than regex-split from a chat-templated prompt (the paper's fragile approach).
/// </summary>
public static partial class PromptTemplate
{
    /// <summary>The distinct placeholder names of <paramref name="template"/>, in first-use order.</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    /// <summary>Replaces every placeholder by its field value; a missing field is an input error naming it.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> fields, string source = "prompt template")
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        return Placeholder().Replace(template, m => fields.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new MpoInputException($"{source}: field \"{m.Groups[1].Value}\": missing; the prompt template needs it."));
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
