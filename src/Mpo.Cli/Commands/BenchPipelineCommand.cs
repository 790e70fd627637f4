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

    private static void Print(TextWriter o, PipelineBenchmarkReport r)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"config      {r.Config}, {r.Steps} steps, {r.RolloutShards} shards, {r.Threads} thread(s); polling ≤ {r.Durable.MaxQueuePollingIntervalMs:F0} ms, {r.Durable.MaxConcurrentActivityFunctions} activities at once"));
        o.WriteLine(string.Create(c, $"checkpoint  step {r.FinalStep}: {(r.SameFinalCheckpoint ? "identical" : "DIFFERENT")} (orchestrated {r.OrchestratedCheckpointSha256[..12]}, plain {r.PlainCheckpointSha256[..12]})"));
        o.WriteLine("activity              orchestrated (ms)  plain (ms)   hop median (ms)  hop p90 (ms)");
        foreach (var a in r.Activities)
        {
            var hop = r.Hops.FirstOrDefault(h => h.Activity == a.Activity);
            var median = hop is null ? "-" : hop.MedianMs.ToString("F1", c);
            var p90 = hop is null ? "-" : hop.P90Ms.ToString("F1", c);
            o.WriteLine(string.Create(c, $"{a.Activity,-21} {a.OrchestratedMs,17:F0} {a.PlainMs,11:F0} {median,17} {p90,13}"));
        }

        o.WriteLine(string.Create(c, $"steps wall  orchestrated {r.OrchestratedStepsMs:F0} ms (activities {r.OrchestratedActivityMs:F0} ms), plain {r.PlainWallMs:F0} ms, ratio {r.WallRatioVsPlain:F3}"));
        o.WriteLine(string.Create(c, $"run wall    orchestrated {r.OrchestratedWallMs:F0} ms (startup {r.StartupMs:F0} ms, finish {r.FinishMs:F0} ms)"));
        o.WriteLine(string.Create(c, $"hops        median {r.HopLatencyMedianMs:F1} ms, p90 {r.HopLatencyP90Ms:F1} ms"));
        o.WriteLine(string.Create(c, $"overhead    {r.OverheadShare:P2} of step time ({r.OverheadPerStepMs:F0} ms per step; {r.RunOverheadShare:P2} of the whole run)"));
        o.WriteLine(string.Create(c, $"target      under 2% from {r.StepMsForTarget / 1000:F1} s of activity time per step"));
    }
}
