using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mpo.EndToEnd.Tests.Support;

/// <summary>
/// The built <c>mpo</c> program (<c>src/Mpo.Cli</c>, the same configuration as these tests) run as a real process, so
/// a kill is a real SIGKILL of a real worker: no finally blocks, no lease release, no flushed state.
/// </summary>
public sealed class MpoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private MpoProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>A label for messages (e.g. <c>worker#2</c>).</summary>
    public string Name { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <c>dotnet mpo.dll args</c> with only the given <c>MPO_*</c> variables (the caller's are removed).</summary>
    public static MpoProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
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

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MPO_", StringComparison.Ordinal) && k != "MPO_AZURITE_DIR" || k == "AzureWebJobsStorage").ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var mpo = new MpoProcess(process, name);
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
                throw new TimeoutException($"{Name}: '{text}' not seen (exited: {_process.HasExited}); output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the exit and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}; output:\n{Output}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>mpo.dll of src/Mpo.Cli built in the same configuration and runtime folder as this test assembly.</summary>
    private static string MpoDll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            for (var dir = here; dir is not null; dir = dir.Parent)
            {
                if (dir.Name == "Mpo.EndToEnd.Tests" && dir.Parent?.Parent is { } root)
                {
                    var candidate = Path.Combine(root.FullName, "src", "Mpo.Cli", Path.GetRelativePath(dir.FullName, here.FullName), "mpo.dll");
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
}
