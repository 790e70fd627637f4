using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mpo.Hosting.Tests.Support;

/// <summary>
/// A real <c>Mpo.TestWorker</c> process on a task hub. <see cref="Kill"/> sends SIGKILL (no cleanup at all, as
/// in a crash); <see cref="StopAsync"/> sends SIGTERM (graceful stop).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>Settings that keep crash recovery fast: a killed worker's activity is visible again after 10 s.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastSettings = new Dictionary<string, string>
    {
        ["MPO_WORK_ITEM_QUEUE_VISIBILITY_TIMEOUT"] = "00:00:10",
        ["MPO_CONTROL_QUEUE_VISIBILITY_TIMEOUT"] = "00:00:10",
        ["MPO_MAX_QUEUE_POLLING_INTERVAL"] = "00:00:01",
    };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
        ProcessId = process.Id;
    }

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; }

    /// <summary>Everything the worker wrote so far (for failure messages).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The worker's output folder: next to this test project's, same configuration and framework.</summary>
    public static string WorkerDll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            for (var dir = here; dir is not null; dir = dir.Parent)
            {
                if (dir.Name == "Mpo.Hosting.Tests" && dir.Parent is { } tests)
                {
                    var relative = Path.GetRelativePath(dir.FullName, here.FullName);
                    var candidate = Path.Combine(tests.FullName, "Mpo.TestWorker", relative, "Mpo.TestWorker.dll");
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            throw new FileNotFoundException($"Mpo.TestWorker.dll not found next to {AppContext.BaseDirectory}; build tests/Mpo.TestWorker");
        }
    }

    /// <summary>Starts a worker and waits until its TaskHubWorker runs.</summary>
    public static async Task<WorkerProcess> StartAsync(string connectionString, string hub, int slot, TimeSpan? readyTimeout = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(WorkerDll);
        psi.ArgumentList.Add("--hub");
        psi.ArgumentList.Add(hub);
        psi.ArgumentList.Add("--slot");
        psi.ArgumentList.Add(slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MPO_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["MPO_STORAGE_CONNECTION_STRING"] = connectionString;
        foreach (var (name, value) in FastSettings)
        {
            psi.Environment[name] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await worker._ready.Task.WaitAsync(readyTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await worker.DisposeAsync();
            throw new TimeoutException($"Worker did not report READY:\n{worker.Output}");
        }

        return worker;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or preemption.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, then waits for the graceful stop to end; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (SendSignal(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"kill(SIGTERM) failed for {_process.Id}");
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
