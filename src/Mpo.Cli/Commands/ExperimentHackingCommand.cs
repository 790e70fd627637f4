using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mpo.Cli.Experiments;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Reports.Hacking;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo experiment hacking [--seeds 3] [--steps N] [--json]</c>: the reward-hacking experiment of docs/evidence.md.
/// Three arms from the bundled tiny policy and the same seeds (flawed rubric fixed, expert rubric fixed, MPO), each
/// a durable run on the task hub; the held-out oracle is evaluated at step 0 and after every <c>--eval-every</c>
/// updates. Prints (or writes) the summary table, the per-step CSV series and PNG plots. Rerunning it reuses the
/// finished runs.
/// </summary>
internal static class ExperimentHackingCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "Seeds per arm (run seeds --base-seed, --base-seed + 1, ...).", DefaultValueFactory = _ => 3 };
        var steps = new Option<int>("--steps") { Description = "Policy updates per run.", DefaultValueFactory = _ => HackingSettings.DefaultSteps };
        var evalEvery = new Option<int>("--eval-every") { Description = "Updates between oracle evaluations (must divide --steps); step 0 is evaluated too.", DefaultValueFactory = _ => HackingSettings.DefaultEvalEvery };
        var baseSeed = new Option<int>("--base-seed") { Description = "The first run seed.", DefaultValueFactory = _ => 42 };
        var arms = new Option<string[]>("--arms")
        {
            Description = "Arms to run: " + string.Join(", ", HackingArms.All) + " (default: all).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. HackingArms.All],
        };
        var tiny = new Option<bool>("--tiny") { Description = "Smoke-test scale: one prompt of 8 samples per update, 16 test prompts." };
        var output = new Option<string>("--output") { Description = "Folder for the configs, CSV series, summary and plots.", DefaultValueFactory = _ => HackingSettings.DefaultOutput };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (per-arm, per-seed series and the summary); progress goes to stderr." };
        var command = new Command("hacking", "Reward-hacking experiment: fixed flawed rubric vs fixed expert rubric vs MPO, over seeds, on the bundled task.")
        {
            seeds, steps, evalEvery, baseSeed, arms, tiny, output, json,
        };
        var hub = HubOptions.AddTo(command, withContainer: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var settings = new HackingSettings(
                parse.GetValue(seeds), parse.GetValue(baseSeed), parse.GetValue(steps), parse.GetValue(evalEvery),
                parse.GetValue(arms)!.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                parse.GetValue(tiny), parse.GetValue(output)!).Validate();
            var asJson = parse.GetValue(json);
            var progress = asJson ? parse.InvocationConfiguration.Error : parse.InvocationConfiguration.Output;
            var planned = HackingPlan.Write(settings);
            progress.WriteLine($"Experiment 'hacking': {settings.Arms.Count} arms × {settings.Seeds} seeds = {planned.Count} runs of {settings.Steps} updates; configs in {Path.Combine(settings.Output, "configs")}.");

            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken);
            IReadOnlyList<ArmRun> runs;
            try
            {
                runs = await HackingExperiment.RunAsync(session, planned, progress, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                progress.WriteLine("Stopped. The runs stay in storage; rerun the same command to continue them.");
                return 130;
            }

            var summaries = HackingSummary.Summarize(runs);
            var files = HackingReport.Write(settings.Output, runs, summaries);
            var seconds = clock.Elapsed.TotalSeconds;
            if (asJson)
            {
                RunJson.Write(parse.InvocationConfiguration.Output, ToJson(settings, session, runs, summaries, files, seconds));
                return 0;
            }

            var text = parse.InvocationConfiguration.Output;
            text.WriteLine();
            text.Write(HackingTable.Markdown(summaries));
            text.WriteLine();
            text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wall time {seconds:F0} s. Series: {files.TrainingCsv}, {files.OracleCsv}; plots: {string.Join(", ", files.Plots)}."));
            text.WriteLine($"Runs ({session.Where}): {string.Join(", ", runs.Select(r => r.RunId))}.");
            return 0;
        });
        return command;
    }

    private static JsonObject ToJson(
        HackingSettings settings, RunSession session, IReadOnlyList<ArmRun> runs, IReadOnlyList<ArmSummary> summaries, HackingReportFiles files, double seconds) => new()
    {
        ["experiment"] = "hacking",
        ["arms"] = new JsonArray([.. settings.Arms.Select(a => (JsonNode)a)]),
        ["seeds"] = new JsonArray([.. settings.RunSeeds.Select(s => (JsonNode)s)]),
        ["steps"] = settings.Steps,
        ["evalEvery"] = settings.EvalEvery,
        ["tiny"] = settings.Tiny,
        ["hub"] = session.Hub,
        ["wallSeconds"] = Math.Round(seconds, 1),
        ["summary"] = JsonSerializer.SerializeToNode(summaries, JsonOptions),
        ["runs"] = JsonSerializer.SerializeToNode(runs, JsonOptions),
        ["files"] = new JsonObject
        {
            ["output"] = Path.GetFullPath(settings.Output),
            ["trainingCsv"] = files.TrainingCsv,
            ["oracleCsv"] = files.OracleCsv,
            ["summary"] = files.Summary,
            ["plots"] = new JsonArray([.. files.Plots.Select(p => (JsonNode)p)]),
        },
    };
}
