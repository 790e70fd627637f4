using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mpo.Cli.Bench;
using Mpo.Cli.Hosting;
using Mpo.Core;
using Mpo.Pipeline.Config;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo bench pipeline [--steps N] [--config FILE | --tiny] [--json]</c>: the same steps through the durable
/// orchestrations (task hub on Azurite, in-process worker) and through the plain in-process loop, in one run; reports
/// the share of step time the durable engine adds and the latency of each hop between activities (docs/benchmarks.md).
/// </summary>
internal static class BenchPipelineCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Policy updates each side runs (one epoch, no evaluation).", DefaultValueFactory = _ => 10 };
        var config = new Option<string?>("--config") { Description = "Run config file (default: the embedded default)." };
        var tiny = new Option<bool>("--tiny") { Description = "The smoke-test config of 'mpo init --tiny' (fast; a check, not a measurement)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object; progress goes to stderr." };
        var command = new Command("pipeline", "Orchestrated steps on the task hub vs the plain in-process loop: overhead share and hop latency.") { steps, config, tiny, json };
        var hub = HubOptions.AddTo(command, withContainer: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(steps);
            if (n < 1)
            {
                throw new MpoInputException($"--steps must be at least 1 (got {n}).");
            }

            var file = parse.GetValue(config);
            if (file is not null && parse.GetValue(tiny))
            {
                throw new MpoInputException("--config and --tiny exclude each other.");
            }

            var (baseConfig, name) = file is not null ? (RunConfigReader.ReadFile(file), file)
                : parse.GetValue(tiny) ? (RunConfigTemplates.Tiny(), "tiny")
                : (RunConfigTemplates.EmbeddedDefault(), "embedded-default");
            var runConfig = baseConfig with { Epochs = 1, StepsPerEpoch = n, Evaluation = new EvaluationConfig { EveryEpochs = 0, EveryMinutes = null } };
            RunConfigValidation.Validate(runConfig, $"{name} with --steps {n}");

            var host = hub.LoadHostOptions(parse);
            var ownHub = parse.GetValue(hub.Hub) is null;
            if (ownHub)
            {
                host = host with { HubName = "bench" + Guid.NewGuid().ToString("n")[..12] };
            }

            var output = parse.InvocationConfiguration.Output;
            var asJson = parse.GetValue(json);
            var progress = asJson ? parse.InvocationConfiguration.Error : output;
            await using var storage = await hub.ResolveStorageAsync(parse, parse.InvocationConfiguration.Error, cancellationToken);
            var folder = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;
            var report = await PipelineBenchmarkRunner.RunAsync(
                new PipelineBenchmarkSettings(runConfig, name, folder, host, ownHub), storage.Connection, progress.WriteLine, cancellationToken);
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(report, Json));
                return 0;
            }

            Print(output, report);
            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, PipelineBenchmarkReport report)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"config      {report.Config}, {report.Steps} steps, {report.RolloutShards} shards, {report.Threads} thread(s); polling ≤ {report.Durable.MaxQueuePollingIntervalMs:F0} ms, {report.Durable.MaxConcurrentActivityFunctions} activities at once"));
        output.WriteLine(string.Create(culture, $"checkpoint  step {report.FinalStep}: {(report.SameFinalCheckpoint ? "identical" : "DIFFERENT")} (orchestrated {report.OrchestratedCheckpointSha256[..12]}, plain {report.PlainCheckpointSha256[..12]})"));
        output.WriteLine("activity              orchestrated (ms)  plain (ms)   hop median (ms)  hop p90 (ms)");
        foreach (var time in report.Activities)
        {
            var hop = report.Hops.FirstOrDefault(h => h.Activity == time.Activity);
            var median = hop is null ? "-" : hop.MedianMs.ToString("F1", culture);
            var p90 = hop is null ? "-" : hop.P90Ms.ToString("F1", culture);
            output.WriteLine(string.Create(culture, $"{time.Activity,-21} {time.OrchestratedMs,17:F0} {time.PlainMs,11:F0} {median,17} {p90,13}"));
        }

        output.WriteLine(string.Create(culture, $"steps wall  orchestrated {report.OrchestratedStepsMs:F0} ms (activities {report.OrchestratedActivityMs:F0} ms), plain {report.PlainWallMs:F0} ms, ratio {report.WallRatioVsPlain:F3}"));
        output.WriteLine(string.Create(culture, $"run wall    orchestrated {report.OrchestratedWallMs:F0} ms (startup {report.StartupMs:F0} ms, finish {report.FinishMs:F0} ms)"));
        output.WriteLine(string.Create(culture, $"hops        median {report.HopLatencyMedianMs:F1} ms, p90 {report.HopLatencyP90Ms:F1} ms"));
        output.WriteLine(string.Create(culture, $"overhead    {report.OverheadShare:P2} of step time ({report.OverheadPerStepMs:F0} ms per step; {report.RunOverheadShare:P2} of the whole run)"));
        output.WriteLine(string.Create(culture, $"target      under 2% from {report.StepMsForTarget / 1000:F1} s of activity time per step"));
    }
}
