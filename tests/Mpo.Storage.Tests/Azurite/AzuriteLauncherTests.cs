using System.Diagnostics;
using System.Runtime.Versioning;

using Mpo.Storage.Azurite;
using Mpo.TestSupport;

namespace Mpo.Storage.Tests.Azurite;

/// <summary>Each test starts its own Azurite (in memory or on a data folder), on free ports.</summary>
[Trait("Category", "Integration")]
public class AzuriteLauncherTests
{
    private static readonly AzuriteOptions FreePorts = new() { BlobPort = 0, QueuePort = 0, TablePort = 0 };

    [Fact]
    public async Task StartAsync_InMemory_ListensOnThreeFreePortsAndServesBlobs()
    {
        await using var azurite = await AzuriteLauncher.StartAsync(FreePorts);

        Assert.True(azurite.StartedHere);
        Assert.Null(azurite.DataFolder);
        Assert.Equal(3, new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort }.Distinct().Count());
        Assert.True(AzuriteLauncher.Accepts(azurite.BlobPort));
        Assert.True(AzuriteLauncher.Accepts(azurite.QueuePort));
        Assert.True(AzuriteLauncher.Accepts(azurite.TablePort));
        var store = Store(azurite.ConnectionString);
        await store.PutAsync("hello.txt", BinaryData.FromString("hi"));
        Assert.Equal("hi", (await store.GetAsync("hello.txt")).ToString());
    }

    [Fact]
    [SupportedOSPlatform("linux")] // the fake azurite is a shell script (MPO builds for linux-x64 only)
    public async Task StartAsync_AzuriteExitsDuringStart_ThrowsAzuriteExceptionWithExitCodeAndOutput()
    {
        // Arrange: an install folder whose azurite exits at once, as the real one does when a port was taken
        // between choosing it and binding it.
        using var install = new TempFolder();
        var bin = Directory.CreateDirectory(Path.Combine(install.Path, "node_modules", ".bin")).FullName;
        var executable = Path.Combine(bin, "azurite");
        await File.WriteAllTextAsync(executable, "#!/bin/sh\necho 'Error: listen EADDRINUSE' >&2\nexit 3\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Act
        var error = await Assert.ThrowsAsync<AzuriteException>(() => AzuriteLauncher.StartAsync(FreePorts with { InstallFolder = install.Path }));

        // Assert
        Assert.Contains("exited during start (code 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SameDataFolderTwice_ReusesTheRunningOneAndOnlyTheOriginalStopsIt()
    {
        using var data = new TempFolder();
        var options = FreePorts with { DataFolder = data.Path };
        var original = await AzuriteLauncher.StartAsync(options);
        try
        {
            // Act: a second start on the same folder.
            var lines = new List<string>();
            var reused = await AzuriteLauncher.StartAsync(options, lines.Add);

            // Assert: same Azurite, not started here; disposing it leaves Azurite running.
            Assert.True(original.StartedHere);
            Assert.False(reused.StartedHere);
            Assert.Equal(original.BlobPort, reused.BlobPort);
            Assert.Equal(original.ConnectionString, reused.ConnectionString);
            Assert.Contains(lines, l => l.StartsWith("Reusing Azurite", StringComparison.Ordinal));
            await reused.DisposeAsync();
            Assert.True(AzuriteLauncher.Accepts(original.BlobPort));
            Assert.False(Process.GetProcessById(original.ProcessId!.Value).HasExited);
        }
        finally
        {
            await original.DisposeAsync();
        }

        Assert.True(await StopsAcceptingAsync(original.BlobPort), "the original's dispose did not stop Azurite");
    }

    [Fact]
    public async Task StartAsync_DataFolderAfterRestart_KeepsTheBlobs()
    {
        using var data = new TempFolder();
        var options = FreePorts with { DataFolder = data.Path };
        var bytes = BinaryData.FromString("rubric v0007");

        await using (var first = await AzuriteLauncher.StartAsync(options))
        {
            await Store(first.ConnectionString).CreateAsync("rubrics/r1/v0007.json", bytes);
        }

        await using var second = await AzuriteLauncher.StartAsync(options);
        var read = await Store(second.ConnectionString).GetAsync("rubrics/r1/v0007.json");

        Assert.True(second.StartedHere);
        Assert.Equal(bytes.ToArray(), read.ToArray());
    }

    private static BlobArtifactStore Store(string connectionString) =>
        BlobArtifactStore.Create(StorageConnection.FromConnectionString(connectionString), new ArtifactStoreOptions { ContainerName = "launcher" });

    private static async Task<bool> StopsAcceptingAsync(int port)
    {
        for (var i = 0; i < 50; i++)
        {
            if (!AzuriteLauncher.Accepts(port))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
