using System.Text.Json;

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

using Mpo.Storage.Sets;
using Mpo.TestSupport;

namespace Mpo.Storage.Tests.Sets;

[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public class ArtifactSetStoreTests(AzuriteFixture azurite)
{
    private const string Checkpoints = "runs/r1/checkpoints";

    [Fact]
    public async Task CommitAsync_ThenReadAsync_ReturnsVerifiedFilesAndMetadata()
    {
        var sets = TestStores.Sets(azurite);

        var commit = await sets.CommitAsync($"{Checkpoints}/step-000012", Files("w1", "cfg1"), Metadata(12));
        var set = await sets.ReadAsync($"{Checkpoints}/step-000012");

        Assert.True(commit.Created);
        Assert.Equal($"{Checkpoints}/step-000012/manifest.json", commit.ManifestRef.Path);
        Assert.Equal(commit.ManifestRef, set.ManifestRef);
        Assert.Equal("w1", set.Files["model.safetensors"].ToString());
        Assert.Equal("cfg1", set.Files["config/model.json"].ToString());
        Assert.Equal(12, set.Manifest.Metadata.GetProperty("step").GetInt32());
        Assert.Equal(["config/model.json", "model.safetensors"], set.Manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task ReadAsync_ByManifestRef_ReadsTheSameSet()
    {
        var sets = TestStores.Sets(azurite);
        var commit = await sets.CommitAsync($"{Checkpoints}/step-000001", Files("w", "c"), Metadata(1));

        var set = await sets.ReadAsync(commit.ManifestRef);

        Assert.Equal($"{Checkpoints}/step-000001", set.SetPath);
        Assert.Equal("w", set.Files["model.safetensors"].ToString());
    }

    [Fact]
    public async Task CommitAsync_RetryWithIdenticalContent_SucceedsWithCreatedFalse()
    {
        var sets = TestStores.Sets(azurite);
        var first = await sets.CommitAsync($"{Checkpoints}/step-000002", Files("w", "c"), Metadata(2));

        var retry = await sets.CommitAsync($"{Checkpoints}/step-000002", Files("w", "c"), Metadata(2));

        Assert.False(retry.Created);
        Assert.Equal(first.ManifestRef, retry.ManifestRef);
    }

    [Fact]
    public async Task CommitAsync_SecondWriterWithDifferentContent_ThrowsConflictAndLeavesTheSetIntact()
    {
        var sets = TestStores.Sets(azurite);
        await sets.CommitAsync($"{Checkpoints}/step-000003", Files("w-first", "c"), Metadata(3));

        var e = await Assert.ThrowsAsync<ArtifactConflictException>(
            () => sets.CommitAsync($"{Checkpoints}/step-000003", Files("w-second", "c"), Metadata(3)));
        var set = await sets.ReadAsync($"{Checkpoints}/step-000003");

        Assert.Contains("already committed with different content", e.Message);
        Assert.Equal("w-first", set.Files["model.safetensors"].ToString());
    }

    [Fact]
    public async Task CommitAsync_OverLeftoversOfAnInterruptedAttempt_CommitsTheNewFiles()
    {
        // Arrange: a writer died after uploading one file, before the manifest.
        var sets = TestStores.Sets(azurite);
        await sets.Blobs.PutAsync($"{Checkpoints}/step-000008/model.safetensors", TestStores.Text("stale half"));

        // Act: the retried activity commits.
        var commit = await sets.CommitAsync($"{Checkpoints}/step-000008", Files("w", "c"), Metadata(8));
        var set = await sets.ReadAsync($"{Checkpoints}/step-000008");

        // Assert
        Assert.True(commit.Created);
        Assert.Equal("w", set.Files["model.safetensors"].ToString());
    }

    [Fact]
    public async Task ManifestSha256_EqualContentAtTwoPaths_IsEqual()
    {
        var sets = TestStores.Sets(azurite);

        var a = await sets.CommitAsync("runs/a/checkpoints/step-000001", Files("w", "c"), Metadata(1));
        var b = await sets.CommitAsync("runs/b/checkpoints/step-000001", Files("w", "c").Reverse(), Metadata(1));
        var c = await sets.CommitAsync("runs/c/checkpoints/step-000001", Files("w", "c"), Metadata(2));

        Assert.Equal(a.ManifestRef.Sha256, b.ManifestRef.Sha256);
        Assert.NotEqual(a.ManifestRef.Sha256, c.ManifestRef.Sha256);
        Assert.Equal(a.ManifestRef.Sha256, (await sets.GetManifestRefAsync("runs/a/checkpoints/step-000001"))!.Sha256);
    }

    [Fact]
    public async Task ReadAsync_FileOverwrittenAfterCommit_ThrowsCorruptedNamingTheFile()
    {
        var sets = TestStores.Sets(azurite);
        var store = Blobs(sets);
        await sets.CommitAsync($"{Checkpoints}/step-000004", Files("weights", "cfg"), Metadata(4));
        await store.PutAsync($"{Checkpoints}/step-000004/model.safetensors", TestStores.Text("WEIGHTS"));

        var e = await Assert.ThrowsAsync<ArtifactSetCorruptedException>(() => sets.ReadAsync($"{Checkpoints}/step-000004"));
        var check = await sets.CheckAsync($"{Checkpoints}/step-000004");

        Assert.Contains("model.safetensors", e.Message);
        var problem = Assert.Single(e.Problems);
        Assert.Equal(ArtifactSetProblemKind.HashMismatch, problem.Kind);
        Assert.Equal("model.safetensors", problem.Path);
        Assert.Equal(ArtifactSetState.Corrupted, check.State);
        Assert.Equal(e.Problems, check.Problems);
    }

    [Fact]
    public async Task ReadAsync_FileTruncatedOrMissing_ReportsSizeMismatchAndMissingFile()
    {
        var sets = TestStores.Sets(azurite);
        var store = Blobs(sets);
        await sets.CommitAsync($"{Checkpoints}/step-000005", Files("weights", "cfg"), Metadata(5));
        await store.PutAsync($"{Checkpoints}/step-000005/model.safetensors", TestStores.Text("weigh"));
        await store.DeleteAsync($"{Checkpoints}/step-000005/config/model.json");

        var e = await Assert.ThrowsAsync<ArtifactSetCorruptedException>(() => sets.ReadAsync($"{Checkpoints}/step-000005"));

        Assert.Equal(
            [("config/model.json", ArtifactSetProblemKind.MissingFile), ("model.safetensors", ArtifactSetProblemKind.SizeMismatch)],
            e.Problems.Select(p => (p.Path, p.Kind)));
    }

    [Fact]
    public async Task ReadAsync_ManifestRefWithOtherSha_ThrowsCorrupted()
    {
        var sets = TestStores.Sets(azurite);
        var commit = await sets.CommitAsync($"{Checkpoints}/step-000006", Files("w", "c"), Metadata(6));
        var stale = new Core.ArtifactRef(commit.ManifestRef.Path, new string('0', 64));

        var e = await Assert.ThrowsAsync<ArtifactSetCorruptedException>(() => sets.ReadAsync(stale));

        Assert.Equal(ArtifactSetProblemKind.ManifestHashMismatch, Assert.Single(e.Problems).Kind);
    }

    [Fact]
    public async Task ReadAsync_UnparsableManifest_ThrowsCorrupted()
    {
        var sets = TestStores.Sets(azurite);
        await Blobs(sets).PutAsync($"{Checkpoints}/step-000007/manifest.json", TestStores.Text("{\"format\":\"x\"}"));

        var e = await Assert.ThrowsAsync<ArtifactSetCorruptedException>(() => sets.ReadAsync($"{Checkpoints}/step-000007"));

        Assert.Equal(ArtifactSetProblemKind.InvalidManifest, Assert.Single(e.Problems).Kind);
    }

    [Fact]
    public async Task PartialSet_WithoutManifest_IsNotListedAndReadsAsNotCommitted()
    {
        var sets = TestStores.Sets(azurite);
        var store = Blobs(sets);
        await sets.CommitAsync($"{Checkpoints}/step-000001", Files("w", "c"), Metadata(1));
        await store.PutAsync($"{Checkpoints}/step-000002/model.safetensors", TestStores.Text("half written"));

        var listed = await sets.ListCommittedAsync(Checkpoints);
        var latest = await sets.FindLatestCommittedAsync(Checkpoints);
        var e = await Assert.ThrowsAsync<ArtifactSetNotCommittedException>(() => sets.ReadAsync($"{Checkpoints}/step-000002"));
        var check = await sets.CheckAsync($"{Checkpoints}/step-000002");

        Assert.Equal([$"{Checkpoints}/step-000001"], listed);
        Assert.Equal($"{Checkpoints}/step-000001", latest);
        Assert.Contains("not committed", e.Message);
        Assert.Equal(ArtifactSetState.NotCommitted, check.State);
        Assert.Null(await sets.GetManifestRefAsync($"{Checkpoints}/step-000002"));
    }

    [Fact]
    public async Task ListCommittedAsync_SeveralSteps_OrdersByStepNumberAndFindsTheLatest()
    {
        var sets = TestStores.Sets(azurite);
        foreach (var step in new[] { "step-10", "step-9", "step-000100", "step-2" })
        {
            await sets.CommitAsync($"{Checkpoints}/{step}", Files(step, "c"), Metadata(1));
        }

        await sets.CommitAsync($"{Checkpoints}/step-9/nested", Files("n", "c"), Metadata(1));
        await sets.CommitAsync("runs/r1/other/step-999", Files("o", "c"), Metadata(1));

        var listed = await sets.ListCommittedAsync(Checkpoints + "/");
        var latest = await sets.FindLatestCommittedAsync(Checkpoints);
        var none = await sets.FindLatestCommittedAsync("runs/r2/checkpoints");

        Assert.Equal(new[] { "step-2", "step-9", "step-10", "step-000100" }.Select(s => $"{Checkpoints}/{s}"), listed);
        Assert.Equal($"{Checkpoints}/step-000100", latest);
        Assert.Null(none);
    }

    [Fact]
    public async Task DeleteAsync_CommittedSet_RemovesManifestAndFiles()
    {
        var sets = TestStores.Sets(azurite);
        await sets.CommitAsync($"{Checkpoints}/step-000001", Files("w", "c"), Metadata(1));

        var deleted = await sets.DeleteAsync($"{Checkpoints}/step-000001");

        Assert.Equal(3, deleted);
        Assert.Empty(await Blobs(sets).ListAsync($"{Checkpoints}/step-000001/").ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_FailingMidway_HasAlreadyRemovedTheManifest()
    {
        // Arrange: a lease on one file makes its deletion fail, as a crash midway through a delete would.
        var sets = TestStores.Sets(azurite);
        var store = Blobs(sets);
        await sets.CommitAsync($"{Checkpoints}/step-000001", Files("w", "c"), Metadata(1));
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(store.ContainerName);
        var leased = container.GetBlobClient($"{Checkpoints}/step-000001/model.safetensors");
        await leased.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(60));

        // Act
        var e = await Assert.ThrowsAsync<ArtifactStorageException>(() => sets.DeleteAsync($"{Checkpoints}/step-000001"));

        // Assert: the set is no longer committed although a file remains.
        Assert.Equal(412, e.Status);
        Assert.True(await store.ExistsAsync($"{Checkpoints}/step-000001/model.safetensors"));
        Assert.Empty(await sets.ListCommittedAsync(Checkpoints));
        Assert.Equal(ArtifactSetState.NotCommitted, (await sets.CheckAsync($"{Checkpoints}/step-000001")).State);
    }

    [Fact]
    public async Task CommitAsync_ReservedOrDuplicatePath_Throws()
    {
        var sets = TestStores.Sets(azurite);

        Assert.Throws<ArgumentException>(() => ArtifactSetFile.FromBytes("manifest.json", TestStores.Text("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => sets.CommitAsync(
            $"{Checkpoints}/step-1",
            [ArtifactSetFile.FromBytes("a", TestStores.Text("1")), ArtifactSetFile.FromBytes("a", TestStores.Text("2"))]));
        Assert.Null(await sets.GetManifestRefAsync($"{Checkpoints}/step-1"));
    }

    internal static ArtifactSetFile[] Files(string weights, string config) =>
    [
        ArtifactSetFile.FromBytes("model.safetensors", TestStores.Text(weights)),
        ArtifactSetFile.FromBytes("config/model.json", TestStores.Text(config)),
    ];

    internal static JsonElement Metadata(int step) =>
        JsonSerializer.SerializeToElement(new { run = "r1", step, rubricVersion = 3 });

    private static BlobArtifactStore Blobs(ArtifactSetStore sets) => sets.Blobs;
}
