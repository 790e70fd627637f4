using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mpo.Storage.Azurite;

/// <summary>
/// Starts the Azurite pinned in <c>infra/azurite</c> on 127.0.0.1 (installing it with <c>npm ci</c> on first use),
/// or reuses the one already serving the same data folder.
/// </summary>
public static class AzuriteLauncher
{
    /// <summary>Environment variable naming the folder that pins Azurite (overrides the search).</summary>
    public const string InstallFolderVariable = "MPO_AZURITE_DIR";

    /// <summary>Starts (or reuses) Azurite and waits until its blob, queue and table ports accept.</summary>
    /// <param name="options">Ports, data folder and install folder.</param>
    /// <param name="progress">Receives human-readable progress lines (install, start, reuse).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<AzuriteInstance> StartAsync(
        AzuriteOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        progress ??= _ => { };
        string? dataFolder = options.DataFolder is null ? null : Path.GetFullPath(options.DataFolder);

        if (dataFolder is not null && AzuriteState.TryRead(dataFolder) is { } state && state.IsAlive()
            && Accepts(state.BlobPort) && Accepts(state.QueuePort) && Accepts(state.TablePort))
        {
            progress($"Reusing Azurite (pid {state.ProcessId}) on 127.0.0.1:{state.BlobPort} for {dataFolder}");
            return new AzuriteInstance(state.BlobPort, state.QueuePort, state.TablePort, startedProcess: null, dataFolder: null);
        }

        var installFolder = options.InstallFolder ?? FindInstallFolder()
            ?? throw new AzuriteException(
                "Cannot find infra/azurite (package-lock.json) above the program or the current folder; " +
                $"set {InstallFolderVariable} or a storage connection string.");
        var executable = await EnsureInstalledAsync(installFolder, progress, cancellationToken).ConfigureAwait(false);

        int blob = PortOrFree(options.BlobPort, dataFolder is not null);
        int queue = PortOrFree(options.QueuePort, dataFolder is not null);
        int table = PortOrFree(options.TablePort, dataFolder is not null);

        var psi = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            "--disableTelemetry", "--skipApiVersionCheck", "--loose",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        if (dataFolder is null)
        {
            psi.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(dataFolder);
        }

        var output = new BoundedLog(40);
        var process = Process.Start(psi) ?? throw new AzuriteException($"Could not start {executable}");
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new AzuriteInstance(blob, queue, table, process, dataFolder);
        var deadline = Stopwatch.StartNew();
        while (!(Accepts(blob) && Accepts(queue) && Accepts(table)))
        {
            if (process.HasExited)
            {
                // Wait for its output to drain (it explains the exit), and read the exit code before disposing:
                // a disposed Process throws instead of answering.
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                var exitCode = process.ExitCode;
                await instance.DisposeAsync().ConfigureAwait(false);
                throw new AzuriteException(
                    $"Azurite exited during start (code {exitCode}) on ports {blob}/{queue}/{table}:\n{output}");
            }

            if (deadline.Elapsed > options.StartTimeout)
            {
                await instance.DisposeAsync().ConfigureAwait(false);
                throw new AzuriteException($"Azurite did not accept connections within {options.StartTimeout.TotalSeconds:0} s:\n{output}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        if (dataFolder is not null)
        {
            new AzuriteState(process.Id, blob, queue, table).Write(dataFolder);
        }

        progress($"Started Azurite (pid {process.Id}) on 127.0.0.1:{blob}/{queue}/{table}" +
                 (dataFolder is null ? " in memory" : $", data in {dataFolder}"));
        return instance;
    }

    /// <summary>Finds <c>infra/azurite</c> above the program's folder or the current folder.</summary>
    public static string? FindInstallFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(InstallFolderVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "infra", "azurite");
                if (File.Exists(Path.Combine(candidate, "package-lock.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1 at this port.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return false;
        }
    }

    /// <summary>A port the OS reports free on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int PortOrFree(int wanted, bool fallBackWhenTaken) =>
        wanted == 0 || (fallBackWhenTaken && Accepts(wanted)) ? FreePort() : wanted;

    private static async Task<string> EnsureInstalledAsync(string folder, Action<string> progress, CancellationToken ct)
    {
        var executable = Path.Combine(folder, "node_modules", ".bin", "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        // Several test assemblies may start at once: one installs, the others wait on the lock.
        var lockPath = Path.Combine(folder, ".install.lock");
        while (true)
        {
            try
            {
                await using var gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (File.Exists(executable))
                {
                    return executable;
                }

                progress($"Installing Azurite 3.37.0 with npm ci into {folder} (once, about 30 s)...");
                await RunNpmCiAsync(folder, ct).ConfigureAwait(false);
                return File.Exists(executable)
                    ? executable
                    : throw new AzuriteException($"npm ci finished but {executable} is missing");
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(500, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string folder, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            psi.ArgumentList.Add(arg);
        }

        Process npm;
        try
        {
            npm = Process.Start(psi) ?? throw new AzuriteException("Could not start npm");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AzuriteException($"npm was not found ({e.Message}): install Node.js, or set a storage connection string");
        }

        using (npm)
        {
            var stderr = npm.StandardError.ReadToEndAsync(ct);
            _ = await npm.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            await npm.WaitForExitAsync(ct).ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new AzuriteException($"npm ci failed in {folder} (exit {npm.ExitCode}):\n{await stderr.ConfigureAwait(false)}");
            }
        }
    }

    private sealed class BoundedLog(int capacity)
    {
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > capacity)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }
}
