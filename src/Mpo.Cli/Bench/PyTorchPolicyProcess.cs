using System.Diagnostics;
using System.Text.Json;
using Mpo.Core;
using Mpo.Training.Benchmarks;

namespace Mpo.Cli.Bench;

/// <summary>
/// The PyTorch side of <c>mpo bench policy</c>: <c>bench/bench_policy.py</c> (copied next to the program) run by
/// Debian's <c>/usr/bin/python3</c> with <c>python3-torch</c>, kept alive across rounds and asked for one round at a
/// time over stdin/stdout so the two implementations alternate within one run.
/// </summary>
internal sealed class PyTorchPolicyProcess : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;

    private PyTorchPolicyProcess(Process process, JsonElement build)
    {
        _process = process;
        Build = build;
    }

    /// <summary>What the script reported about its build: torch version, threads, BLAS alternative, config text.</summary>
    public JsonElement Build { get; }

    /// <summary>Installs PyTorch when missing (through <c>bench/install_pytorch.sh</c>), starts the script and waits until it is warm.</summary>
    public static async Task<PyTorchPolicyProcess> StartAsync(
        string weightsPath, string configPath, PolicyBenchmarkShape shape, int threads, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "bench");
        await EnsurePyTorchAsync(folder, cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            Path.Combine(folder, "bench_policy.py"), "--weights", weightsPath, "--config", configPath,
            "--threads", threads.ToString(), "--batch", shape.Batch.ToString(), "--seq", shape.SequenceLength.ToString(),
            "--prompt", shape.PromptLength.ToString(), "--new-tokens", shape.NewTokens.ToString(),
            "--train-steps", shape.TrainStepsPerRound.ToString(),
        })
        {
            start.ArgumentList.Add(a);
        }

        // The same thread count for every BLAS/OpenMP layer the interpreter may load.
        foreach (var v in new[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS" })
        {
            start.Environment[v] = threads.ToString();
        }

        var process = Process.Start(start) ?? throw new MpoInputException($"Could not start {Python}.");
        var build = await ReadLineAsync(process, cancellationToken).ConfigureAwait(false);
        return new PyTorchPolicyProcess(process, build);
    }

    /// <summary>Runs one round on the PyTorch side.</summary>
    public async Task<PolicyRoundTimings> RoundAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("round").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        var r = await ReadLineAsync(_process, cancellationToken).ConfigureAwait(false);
        return new PolicyRoundTimings(
            r.GetProperty("trainStepMs").EnumerateArray().Select(e => e.GetDouble()).ToList(),
            r.GetProperty("sampleCacheMs").GetDouble(),
            r.GetProperty("sampleNoCacheMs").GetDouble());
    }

    private static async Task<JsonElement> ReadLineAsync(Process process, CancellationToken cancellationToken)
    {
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            throw new MpoInputException($"The PyTorch benchmark script stopped: {error.Trim()}");
        }

        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static async Task EnsurePyTorchAsync(string folder, CancellationToken cancellationToken)
    {
        var install = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        install.ArgumentList.Add(Path.Combine(folder, "install_pytorch.sh"));
        using var process = Process.Start(install) ?? throw new MpoInputException("Could not run bash.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new MpoInputException(
                $"Installing the PyTorch side (bench/install_pytorch.sh: python3-torch, libopenblas0-pthread) failed: {(await stderr.ConfigureAwait(false)).Trim()}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
