using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mpo.Judging.Metrics.Elo;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo elo replay MATCHLOG.json</c> and <c>mpo elo merge RUN.scores.json…</c>: the paper's Elo tournament files.
/// Replay reproduces a <c>*.scores.json</c> from its <c>*.details.json</c> bit for bit; merge writes the paper's
/// <c>{"mean elo": …, "mean stds": …}</c>.
/// </summary>
internal static class EloCommand
{
    public static Command Create()
    {
        var command = new Command("elo", "Elo ratings from pairwise-judged match logs (K=4, start 1000, in match order).");
        command.Subcommands.Add(CreateReplay());
        command.Subcommands.Add(CreateMerge());
        return command;
    }

    private static Command CreateReplay()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: model name → rating (a *.scores.json)." };
        var log = new Argument<string>("MATCHLOG") { Description = "Match log: a JSON array of {model_a, model_b, winner} (a *.details.json)." };
        var command = new Command("replay", "Replay a match log in order and print each model's final rating.") { log, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(log)!;
            var result = EloTournament.Replay(MatchLogFile.Read(path));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(ScoresFile.ToJson(result.Ratings));
                return 0;
            }

            int width = result.Ratings.Max(r => r.Key.Length);
            foreach (var (model, rating) in result.Ratings)
            {
                output.WriteLine($"{model.PadRight(width)}  {rating.ToString("R", CultureInfo.InvariantCulture)}");
            }

            output.WriteLine($"{result.Applied} matches applied, {result.Skipped} skipped (no usable winner), from {path}.");
            return 0;
        });
        return command;
    }

    private static Command CreateMerge()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"mean elo\": {...}, \"mean stds\": {...}}." };
        var runs = new Argument<string[]>("RUNS")
        {
            Description = "Final-ratings files of the runs (*.scores.json); model names come from the first.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("merge", "Mean and population standard deviation of each model's rating over runs.") { runs, json };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(runs)!;
            var summary = EloMerge.Merge(files.Select(f => new EloRun(f, ScoresFile.Read(f))).ToList());
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(ToJson(summary));
                return 0;
            }

            int width = Math.Max(5, summary.MeanElo.Max(r => r.Key.Length));
            output.WriteLine($"{"model".PadRight(width)}  {"mean elo",-20}  std (population)");
            for (int i = 0; i < summary.MeanElo.Count; i++)
            {
                var (model, mean) = summary.MeanElo[i];
                var std = summary.MeanStds[i].Value;
                output.WriteLine($"{model.PadRight(width)}  {mean.ToString("R", CultureInfo.InvariantCulture),-20}  {std.ToString("R", CultureInfo.InvariantCulture)}");
            }

            output.WriteLine($"{files.Length} runs.");
            return 0;
        });
        return command;
    }

    private static string ToJson(EloSummary summary)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("mean elo");
            ScoresFile.WriteObject(writer, summary.MeanElo);
            writer.WritePropertyName("mean stds");
            ScoresFile.WriteObject(writer, summary.MeanStds);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
