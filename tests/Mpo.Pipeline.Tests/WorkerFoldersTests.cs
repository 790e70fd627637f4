using System.Diagnostics;
using System.Globalization;
using Mpo.TestSupport;

namespace Mpo.Pipeline.Tests;

public sealed class WorkerFoldersTests
{
    [Fact]
    public async Task RemoveAbandoned_FoldersOfDeadRunningAndOwnProcesses_DeletesOnlyTheDeadProcessFolder()
    {
        // Arrange: a real process that has exited, one that runs, and things that are not worker folders.
        using var temp = new TempFolder();
        var folders = new WorkerFolders(Path.Combine(temp.Path, WorkerFolders.RootName));
        var deadPid = await ExitedProcessIdAsync();
        using var running = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        var dead = Folder(folders.ForProcess(deadPid), withFile: true);
        var live = Folder(folders.ForProcess(running.Id), withFile: true);
        var own = Folder(folders.ForProcess(Environment.ProcessId), withFile: true);
        var notes = Folder(Path.Combine(folders.Root, "notes"), withFile: true);
        var padded = Folder(Path.Combine(folders.Root, "0" + deadPid.ToString(CultureInfo.InvariantCulture)), withFile: true);
        var outside = Folder(Path.Combine(temp.Path, "outside"), withFile: true);
        var link = Path.Combine(folders.Root, (deadPid + 1_000_000).ToString(CultureInfo.InvariantCulture));
        Directory.CreateSymbolicLink(link, outside);

        try
        {
            // Act
            var removed = folders.RemoveAbandoned();

            // Assert
            Assert.Equal([dead], removed);
            Assert.False(Directory.Exists(dead));
            Assert.All([live, own, notes, padded, outside], f => Assert.True(File.Exists(Path.Combine(f, "file.bin")), f));
            Assert.True(Directory.Exists(link));
        }
        finally
        {
            running.Kill();
            await running.WaitForExitAsync();
        }
    }

    [Fact]
    public void RemoveAbandoned_NoRootFolder_ReturnsEmpty()
    {
        using var temp = new TempFolder();

        var removed = new WorkerFolders(Path.Combine(temp.Path, "missing")).RemoveAbandoned(_ => false);

        Assert.Empty(removed);
    }

    [Fact]
    public void Use_TwoLeasesOnOwnFolder_DeletesItWhenTheLastIsDisposed()
    {
        using var temp = new TempFolder();
        var folders = new WorkerFolders(Path.Combine(temp.Path, WorkerFolders.RootName));
        var own = folders.ForProcess(Environment.ProcessId);

        var first = folders.Use(own);
        var second = folders.Use(own + Path.DirectorySeparatorChar);
        Folder(own, withFile: true);
        first.Dispose();
        first.Dispose();
        var afterFirst = Directory.Exists(own);
        second.Dispose();

        Assert.True(afterFirst);
        Assert.False(Directory.Exists(own));
    }

    [Fact]
    public void Use_FolderNotThisProcesssWorkerFolder_NeverDeletesIt()
    {
        using var temp = new TempFolder();
        var folders = new WorkerFolders(Path.Combine(temp.Path, WorkerFolders.RootName));
        var configured = Folder(Path.Combine(temp.Path, "work"), withFile: true);
        var otherProcess = Folder(folders.ForProcess(Environment.ProcessId + 1), withFile: true);

        folders.Use(configured).Dispose();
        folders.Use(otherProcess).Dispose();

        Assert.True(File.Exists(Path.Combine(configured, "file.bin")));
        Assert.True(File.Exists(Path.Combine(otherProcess, "file.bin")));
    }

    [Fact]
    public void WorkDirectory_Default_IsThisProcesssFolderUnderTheTempFolder()
    {
        var expected = Path.Combine(Path.GetTempPath(), "mpo-worker", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(expected, new PipelineOptions().WorkDirectory);
        Assert.Equal(expected, WorkerFolders.Default.ForProcess(Environment.ProcessId));
    }

    private static string Folder(string path, bool withFile)
    {
        Directory.CreateDirectory(Path.Combine(path, "checkpoints"));
        if (withFile)
        {
            File.WriteAllBytes(Path.Combine(path, "file.bin"), [1, 2, 3]);
        }

        return path;
    }

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
