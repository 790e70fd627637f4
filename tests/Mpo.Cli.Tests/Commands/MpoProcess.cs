using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mpo.Cli.Tests.Commands;

/// <summary>The built <c>mpo</c> program run as a real process, so signals and exit codes are the real ones.</summary>
public sealed class MpoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private MpoProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The process id (that of <c>mpo</c> itself: <c>dotnet mpo.dll</c> runs in the muxer's process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <c>dotnet mpo.dll args</c> in <paramref name="workingDirectory"/> with no storage configured
    /// unless <paramref name="environment"/> sets it.</summary>
    public static MpoProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(MpoDll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var name in psi.Environment.Keys
                     .Where(k => k.StartsWith("MPO_", StringComparison.Ordinal) && k != "MPO_AZURITE_DIR" || k == "AzureWebJobsStorage")
                     .ToList())
        {
            psi.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var mpo = new MpoProcess(process);
        process.OutputDataReceived += (_, e) => mpo.Add(e.Data);
        process.ErrorDataReceived += (_, e) => mpo.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mpo;
    }

    /// <summary>Waits until some output line contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' not seen (exited: {_process.HasExited}); output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Assert.Equal(0, SendSignal(_process.Id, 15));
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string MpoDll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            for (var dir = here; dir is not null; dir = dir.Parent)
            {
                if (dir.Name == "Mpo.Cli.Tests" && dir.Parent?.Parent is { } root)
                {
                    var relative = Path.GetRelativePath(dir.FullName, here.FullName);
                    var candidate = Path.Combine(root.FullName, "src", "Mpo.Cli", relative, "mpo.dll");
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            throw new FileNotFoundException($"mpo.dll not found for {AppContext.BaseDirectory}; build src/Mpo.Cli");
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
