using System.Text.Json.Nodes;
using Mpo.Training;
using Mpo.Training.Benchmarks;
using Mpo.Training.SafeTensors;

namespace Mpo.Cli.Bench;

/// <summary>
/// Runs both implementations on the same model (the PyTorch side loads the weights TorchSharp drew), batch and
/// thread count, alternating which goes first each round so drifting machine load hits both alike, and takes medians.
/// </summary>
internal static class PolicyBenchmarkRunner
{
    public static async Task<PolicyBenchmarkReport> RunAsync(int threads, bool quick, Action<string> progress, CancellationToken cancellationToken)
    {
        TorchRuntime.Initialize(threads);
        var shape = quick ? PolicyBenchmarkShape.Quick : PolicyBenchmarkShape.Standard;
        var folder = Path.Combine(Path.GetTempPath(), $"mpo-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var ours = new TorchSharpPolicyBenchmark(shape);
            var weights = Path.Combine(folder, "model.safetensors");
            var config = Path.Combine(folder, "config.json");
            SafeTensorsWriter.Write(weights, ours.Weights());
            await File.WriteAllTextAsync(config, shape.ConfigJson().ToJsonString(), cancellationToken).ConfigureAwait(false);
            using var theirs = await PyTorchPolicyProcess.StartAsync(weights, config, shape, threads, cancellationToken).ConfigureAwait(false);
            ours.WarmUp();
            var mine = new List<PolicyRoundTimings>();
            var reference = new List<PolicyRoundTimings>();
            for (int round = 0; round < shape.Rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (round % 2 == 0)
                {
                    mine.Add(ours.Round());
                    reference.Add(await theirs.RoundAsync(cancellationToken).ConfigureAwait(false));
                }
                else
                {
                    reference.Add(await theirs.RoundAsync(cancellationToken).ConfigureAwait(false));
                    mine.Add(ours.Round());
                }

                progress($"round {round + 1}/{shape.Rounds}: step {Median(mine[^1].TrainStepMs):F1} ms vs PyTorch {Median(reference[^1].TrainStepMs):F1} ms");
            }

            return Report(shape, threads, quick, ours.ParameterCount, mine, reference, theirs.Build);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PolicyBenchmarkReport Report(
        PolicyBenchmarkShape shape, int threads, bool quick, long parameters,
        List<PolicyRoundTimings> mine, List<PolicyRoundTimings> reference, System.Text.Json.JsonElement build)
    {
        double tokens = (double)shape.Batch * shape.NewTokens;
        var step = Median(mine.SelectMany(r => r.TrainStepMs));
        var pyStep = Median(reference.SelectMany(r => r.TrainStepMs));
        var cache = Median(mine.Select(r => r.SampleCacheMs));
        var pyCache = Median(reference.Select(r => r.SampleCacheMs));
        var noCache = Median(mine.Select(r => r.SampleNoCacheMs));
        var pyNoCache = Median(reference.Select(r => r.SampleNoCacheMs));
        var c = shape.ConfigJson();
        return new PolicyBenchmarkReport(
            threads, quick, shape.Rounds, parameters,
            $"llama vocab {shape.VocabSize}, d {shape.HiddenSize}, {shape.Layers} layers, heads {c["num_attention_heads"]}/{c["num_key_value_heads"]}, "
            + $"train batch {shape.Batch}x{shape.SequenceLength}, sampling {shape.Batch} rows x {shape.NewTokens} new tokens after {shape.PromptLength}",
            step, pyStep,
            tokens / cache * 1000, tokens / pyCache * 1000,
            tokens / noCache * 1000, tokens / pyNoCache * 1000,
            step / pyStep, cache / pyCache, noCache / cache, pyNoCache / pyCache,
            build.GetProperty("torch").GetString() ?? "",
            build.GetProperty("blas").GetString() ?? "",
            build.GetProperty("config").GetString() ?? "");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
