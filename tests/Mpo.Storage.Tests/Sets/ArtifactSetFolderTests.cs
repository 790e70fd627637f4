using System.Security.Cryptography;

using Mpo.Core;
using Mpo.Storage.Sets;
using Mpo.TestSupport;

namespace Mpo.Storage.Tests.Sets;

[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public class ArtifactSetFolderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UploadFolderAsync_ThenDownloadToFolderAsync_ReproducesEveryFile()
    {
        // Arrange: a checkpoint-like folder with a large file, a nested file and a hidden file.
        using var temp = new TempFolder();
        var source = Directory.CreateDirectory(Path.Combine(temp.Path, "step-000012")).FullName;
        var weights = RandomNumberGenerator.GetBytes(1_500_000);
        await File.WriteAllBytesAsync(Path.Combine(source, "model.safetensors"), weights);
        Directory.CreateDirectory(Path.Combine(source, "optimizer"));
        await File.WriteAllTextAsync(Path.Combine(source, "optimizer", "state.json"), "{\"t\":12}");
        await File.WriteAllTextAsync(Path.Combine(source, ".gitattributes"), "*.safetensors binary");
        var sets = TestStores.Sets(azurite);

        // Act
        var commit = await sets.UploadFolderAsync(source, "runs/r1/checkpoints/step-000012", ArtifactSetStoreTests.Metadata(12));
        var target = Path.Combine(temp.Path, "download", "step-000012");
        var downloaded = await sets.DownloadToFolderAsync(commit.ManifestRef, target);

        // Assert
        Assert.Equal(target, downloaded.Folder);
        Assert.Equal(commit.ManifestRef, downloaded.ManifestRef);
        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(target, "model.safetensors")));
        Assert.Equal("{\"t\":12}", await File.ReadAllTextAsync(Path.Combine(target, "optimizer", "state.json")));
        Assert.Equal(
            [".gitattributes", "model.safetensors", "optimizer/state.json"],
            Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(target, f)).Order(StringComparer.Ordinal));
        Assert.Equal(weights.Length + 8 + 20, downloaded.Manifest.TotalSize);
    }

    [Fact]
    public async Task DownloadToFolderAsync_CorruptedSet_ThrowsAndLeavesNoFolder()
    {
        using var temp = new TempFolder();
        var sets = TestStores.Sets(azurite);
        await sets.CommitAsync("runs/r1/checkpoints/step-000001", ArtifactSetStoreTests.Files("w", "c"), ArtifactSetStoreTests.Metadata(1));
        await sets.Blobs.PutAsync("runs/r1/checkpoints/step-000001/config/model.json", TestStores.Text("C"));
        var target = Path.Combine(temp.Path, "ckpt");

        var e = await Assert.ThrowsAsync<ArtifactSetCorruptedException>(
            () => sets.DownloadToFolderAsync("runs/r1/checkpoints/step-000001", target));

        Assert.Equal("config/model.json", Assert.Single(e.Problems).Path);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task DownloadToFolderAsync_PartialSet_ThrowsNotCommitted()
    {
        using var temp = new TempFolder();
        var sets = TestStores.Sets(azurite);
        await sets.Blobs.PutAsync("runs/r1/checkpoints/step-000002/model.safetensors", TestStores.Text("w"));

        await Assert.ThrowsAsync<ArtifactSetNotCommittedException>(
            () => sets.DownloadToFolderAsync("runs/r1/checkpoints/step-000002", Path.Combine(temp.Path, "x")));

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task DownloadToFolderAsync_NonEmptyDestination_ThrowsInputError()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "stale.bin"), "old");
        var sets = TestStores.Sets(azurite);
        await sets.CommitAsync("runs/r1/checkpoints/step-000003", ArtifactSetStoreTests.Files("w", "c"), ArtifactSetStoreTests.Metadata(3));

        var e = await Assert.ThrowsAsync<MpoInputException>(
            () => sets.DownloadToFolderAsync("runs/r1/checkpoints/step-000003", temp.Path));

        Assert.Contains("not an empty folder", e.Message);
    }

    [Fact]
    public async Task UploadFolderAsync_FolderWithManifestJson_ThrowsInputError()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "manifest.json"), "{}");
        var sets = TestStores.Sets(azurite);

        var e = await Assert.ThrowsAsync<MpoInputException>(
            () => sets.UploadFolderAsync(temp.Path, "runs/r1/checkpoints/step-000004"));

        Assert.Contains("'manifest.json' is reserved", e.Message);
    }

    [Fact]
    public async Task UploadFolderAsync_MissingFolder_ThrowsInputError()
    {
        using var temp = new TempFolder();
        var sets = TestStores.Sets(azurite);

        var e = await Assert.ThrowsAsync<MpoInputException>(
            () => sets.UploadFolderAsync(Path.Combine(temp.Path, "nope"), "runs/r1/checkpoints/step-000005"));

        Assert.Contains("does not exist", e.Message);
    }
}
