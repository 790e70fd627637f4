using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mpo.Judging.Metrics.MathAnswers;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo math extract TEXT</c> and <c>mpo math equiv A B</c>: the paper's MATH answer check (first <c>\boxed{}</c>,
/// Hendrycks <c>is_equiv</c>) from the command line, for checking a grader's decision by hand.
/// </summary>
internal static class MathCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var command = new Command("math", "MATH answers: first-boxed extraction and Hendrycks is_equiv.");
        command.Subcommands.Add(CreateExtract());
        command.Subcommands.Add(CreateEquiv());
        return command;
    }

    private static Command CreateExtract()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"answer\": \"...\"} (null when there is no boxed answer)." };
        var text = new Argument<string>("SOLUTION_TEXT") { Description = "A solution; the content of its first \\boxed{...} is printed." };
        var command = new Command("extract", "Print the first \\boxed{...} answer of a solution (brace-matched).") { text, json };
        command.SetAction(parse =>
        {
            var answer = BoxedAnswer.ExtractFirst(parse.GetValue(text));
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { answer }, Json)
                : answer ?? "(no \\boxed{...} answer)");
            return 0;
        });
        return command;
    }

    private static Command CreateEquiv()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"equivalent\": true|false}." };
        var a = new Argument<string>("A") { Description = "First answer (LaTeX)." };
        var b = new Argument<string>("B") { Description = "Second answer (LaTeX)." };
        var command = new Command("equiv", "Whether two answers are equal after Hendrycks' MATH normalisation.") { a, b, json };
        command.SetAction(parse =>
        {
            var first = parse.GetValue(a)!;
            var second = parse.GetValue(b)!;
            bool equivalent = MathEquivalence.IsEquivalent(first, second);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { equivalent }, Json));
                return 0;
            }

            output.WriteLine(equivalent ? "equivalent" : "not equivalent");
            output.WriteLine($"  A: {first}  →  {Normalised(first)}");
            output.WriteLine($"  B: {second}  →  {Normalised(second)}");
            return 0;
        });
        return command;
    }

    private static string Normalised(string answer)
    {
        try
        {
            return HendrycksNormalizer.Normalize(answer);
        }
        catch (FormatException e)
        {
            return $"(normalisation fails: {e.Message}; the raw strings are compared)";
        }
    }
}
