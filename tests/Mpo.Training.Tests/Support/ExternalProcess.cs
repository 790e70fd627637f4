using System.Diagnostics;

namespace Mpo.Training.Tests.Support;

/// <summary>Runs the independent reference tools (Debian's python3 with torch, node) and returns their output.</summary>
internal static class ExternalProcess
{
    /// <summary>Debian's interpreter, which sees python3-torch (another python3 on PATH may not).</summary>
    public const string Python = "/usr/bin/python3";

    public static string Run(string fileName, IEnumerable<string> arguments, string? stdin = null, int timeoutMs = 120_000)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} ran past {timeoutMs} ms.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
