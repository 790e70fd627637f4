using System.CommandLine;
using System.Text.Json;
using Mpo.Cli.Bench;
using Mpo.Core;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo bench policy [--json] [--threads N] [--quick]</c>: training-step time and sampling speed of the TorchSharp
/// policy engine against PyTorch on the same model, batch and threads, alternating in rounds (docs/benchmarks.md).
/// </summary>
internal static class BenchPolicyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for both sides (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var quick = new Option<bool>("--quick") { Description = "A tiny model and two rounds (a smoke test, not a measurement)." };
        var command = new Command("policy", "Train step (forward+backward+AdamW) and sampling tokens/s, TorchSharp vs PyTorch.") { json, threads, quick };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(threads);
            if (n < 1)
            {
                throw new MpoInputException($"--threads must be at least 1 (got {n}).");
            }

            var o = parse.InvocationConfiguration.Output;
            var asJson = parse.GetValue(json);
            var report = await PolicyBenchmarkRunner.RunAsync(
                n, parse.GetValue(quick), line => { if (!asJson) { o.WriteLine(line); } }, cancellationToken).ConfigureAwait(false);
            if (asJson)
            {
                o.WriteLine(JsonSerializer.Serialize(report, Json));
                return 0;
            }

            o.WriteLine($"model       {report.Shape} ({report.Parameters:N0} parameters), {report.Threads} threads, {report.Rounds} rounds");
            o.WriteLine($"PyTorch     {report.PyTorchVersion}, BLAS {report.PyTorchBlas}");
            o.WriteLine($"                        TorchSharp    PyTorch    ratio");
            o.WriteLine($"train step (ms)         {report.TrainStepMs,10:F1} {report.PyTorchTrainStepMs,10:F1} {report.TrainStepRatioVsPyTorch,8:F2}");
            o.WriteLine($"sampling, cache (tok/s) {report.SampleTokensPerSecond,10:F0} {report.PyTorchSampleTokensPerSecond,10:F0} {report.SamplingRatioVsPyTorch,8:F2}");
            o.WriteLine($"sampling, none (tok/s)  {report.SampleNoCacheTokensPerSecond,10:F0} {report.PyTorchSampleNoCacheTokensPerSecond,10:F0}");
            o.WriteLine($"KV cache speedup        {report.KvCacheSpeedup,10:F2} {report.PyTorchKvCacheSpeedup,10:F2}");
            return 0;
        });
        return command;
    }
}
