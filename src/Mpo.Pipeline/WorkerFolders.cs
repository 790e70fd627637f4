using System.Diagnostics;
using System.Globalization;

namespace Mpo.Pipeline;

/// <summary>
/// The per-process scratch folders of workers, <c>{temp}/mpo-worker/{process id}</c> (downloaded models and
/// checkpoints, staging). A worker that stops cleanly deletes its own folder (<see cref="Use"/>); one that was killed
/// cannot, so a starting worker deletes the folders of processes that no longer run (<see cref="RemoveAbandoned"/>).
/// </summary>
/// <remarks>
/// Only folders directly under <see cref="Root"/> whose name is a process id are ever deleted, never a link, never
/// the folder of a running process (a reused id keeps its folder until that process ends), and never a
/// <see cref="PipelineOptions.WorkDirectory"/> set elsewhere. Folders of another user are skipped (no permission).
/// Several hosts in one process (tests, <c>mpo train</c>) share the folder: it is deleted when the last one stops.
/// </remarks>
public sealed class WorkerFolders
{
    /// <summary>The name of the folder under the temp folder that holds one folder per worker process.</summary>
    public const string RootName = "mpo-worker";

    private static readonly Dictionary<string, int> Users = new(StringComparer.Ordinal);

    /// <summary>Folders under <paramref name="root"/> (a full path).</summary>
    public WorkerFolders(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folders of this machine's workers: <c>{temp}/mpo-worker</c>.</summary>
    public static WorkerFolders Default { get; } = new(Path.Combine(Path.GetTempPath(), RootName));

    /// <summary>The folder holding one folder per worker process.</summary>
    public string Root { get; }

    /// <summary>The scratch folder of process <paramref name="processId"/>.</summary>
    public string ForProcess(int processId) => Path.Combine(Root, processId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Deletes the folders of processes that no longer run (a killed worker's leftovers) and returns their paths.
    /// Folders that cannot be deleted (another user's, or in use) are left and not returned.
    /// </summary>
    /// <param name="isRunning">Whether a process id runs. <value>The default asks the operating system.</value></param>
    public IReadOnlyList<string> RemoveAbandoned(Func<int, bool>? isRunning = null)
    {
        isRunning ??= IsRunning;
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var folder in new DirectoryInfo(Root).EnumerateDirectories())
        {
            if (folder.Attributes.HasFlag(FileAttributes.ReparsePoint)
                || !int.TryParse(folder.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                || processId <= 0
                || folder.Name != processId.ToString(CultureInfo.InvariantCulture)
                || processId == Environment.ProcessId
                || isRunning(processId))
            {
                continue;
            }

            if (TryDelete(folder.FullName))
            {
                removed.Add(folder.FullName);
            }
        }

        return removed;
    }

    /// <summary>
    /// Marks <paramref name="workDirectory"/> in use until the returned lease is disposed; when the last lease of this
    /// process's own folder (<see cref="ForProcess"/> of this process) is disposed, the folder is deleted. Any other
    /// folder is left alone.
    /// </summary>
    public IDisposable Use(string workDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(workDirectory);
        var folder = Path.GetFullPath(workDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (folder != ForProcess(Environment.ProcessId))
        {
            return new Lease(null);
        }

        lock (Users)
        {
            Users[folder] = Users.GetValueOrDefault(folder) + 1;
        }

        return new Lease(folder);
    }

    private static void Release(string folder)
    {
        lock (Users)
        {
            var left = Users[folder] - 1;
            if (left > 0)
            {
                Users[folder] = left;
                return;
            }

            Users.Remove(folder);

            // Deleted under the lock, so a host starting now recreates the folder after the delete, not during it.
            TryDelete(folder);
        }
    }

    private static bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed class Lease(string? folder) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (folder is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Release(folder);
            }
        }
    }
}
