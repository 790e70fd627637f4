using System.Globalization;
using System.Text.RegularExpressions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Llm;
using static Mpo.Judging.Llm.JudgeProtocolMarkers;

namespace Mpo.JudgeServer;

/// <summary>
/// Recognises MPO's judge turns by the protocol markers (<see cref="JudgeProtocolMarkers"/>) in the last user
/// message, and pulls out the item number and text and the quoted response.
/// </summary>
public static partial class JudgeTurnClassifier
{
    /// <summary>Builds the responder's view of a request.</summary>
    public static JudgeTurnRequest Classify(IReadOnlyList<WireMessage> messages, string model, string? guidedRegex)
    {
        var last = messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";
        var kind = KindOf(last);
        int? number = kind is JudgeTurnKind.Rationale or JudgeTurnKind.Criterion or JudgeTurnKind.MergedCriterion
            ? NumberAfter(last, kind switch { JudgeTurnKind.Rationale => RubricItem, JudgeTurnKind.Criterion => Criterion, _ => MergedCriterion })
            : null;
        string? itemText = null;
        if (kind is JudgeTurnKind.Rationale or JudgeTurnKind.Score)
        {
            var itemTurn = messages.LastOrDefault(m => m.Role == "user" && m.Content.Contains(RubricItem, StringComparison.Ordinal))?.Content;
            if (itemTurn is not null)
            {
                var m = ItemBlock().Match(itemTurn);
                number ??= m.Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
                itemText = m.Success ? m.Groups["text"].Value.Trim() : null;
            }
        }

        return new JudgeTurnRequest(kind, number, itemText, ResponseOf(messages), messages, model, guidedRegex)
        {
            TaskInput = FirstBlock(messages, TaskInput()) is { } input ? JudgePromptEscaping.Unescape(input) : null,
            ReferenceSolution = FirstBlock(messages, ReferenceSolution()),
        };
    }

    /// <summary>The kind of turn a user message asks for.</summary>
    public static JudgeTurnKind KindOf(string lastUser)
    {
        bool Has(string marker) => lastUser.Contains(marker, StringComparison.Ordinal);
        return true switch
        {
            _ when Has(ScoreRequest) => JudgeTurnKind.Score,
            _ when Has(RubricItem) => JudgeTurnKind.Rationale,
            _ when Has(MergeCount) => JudgeTurnKind.MergeCount,
            _ when Has(Count) => JudgeTurnKind.Count,
            _ when Has(MergedCriterion) => JudgeTurnKind.MergedCriterion,
            _ when Has(Criterion) => JudgeTurnKind.Criterion,
            _ when Has(Analyze) => JudgeTurnKind.Analyze,
            _ when Has(MathScore) => JudgeTurnKind.MathScore,
            _ when Has(MathExecute) => JudgeTurnKind.MathExecute,
            _ when Has(MathPlan) => JudgeTurnKind.MathPlan,
            _ when Has(MathRefine) => JudgeTurnKind.MathRefine,
            _ when Has(MathAnalyze) => JudgeTurnKind.MathAnalyze,
            _ => JudgeTurnKind.Unknown,
        };
    }

    /// <summary>The first quoted response in the conversation, unescaped, or <c>null</c>.</summary>
    public static string? ResponseOf(IReadOnlyList<WireMessage> messages)
    {
        foreach (var message in messages)
        {
            if (JudgePromptEscaping.TryExtract(message.Content, out var response))
            {
                return response;
            }
        }

        return null;
    }

    private static string? FirstBlock(IReadOnlyList<WireMessage> messages, Regex block) =>
        messages.Select(m => block.Match(m.Content)).FirstOrDefault(m => m.Success)?.Groups["body"].Value;

    private static int? NumberAfter(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var digits = new string(text.Skip(at).TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 ? int.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"Rubric Item #(?<n>\d+)\n(?<text>.*?)\n\nAssess the response", RegexOptions.Singleline)]
    private static partial Regex ItemBlock();

    [GeneratedRegex(@"<task_input>\n(?<body>.*?)\n</task_input>", RegexOptions.Singleline)]
    private static partial Regex TaskInput();

    [GeneratedRegex(@"\[Start of Reference Solution\]\n(?<body>.*?)\n\[End of Reference Solution\]", RegexOptions.Singleline)]
    private static partial Regex ReferenceSolution();
}
