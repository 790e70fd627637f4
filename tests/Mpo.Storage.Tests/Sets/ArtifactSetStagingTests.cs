using Mpo.Storage.Sets;
using Mpo.TestSupport;

using static Mpo.Storage.Tests.Sets.ArtifactSetStoreTests;

namespace Mpo.Storage.Tests.Sets;

[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public class ArtifactSetStagingTests(AzuriteFixture azurite)
{
    private const string Checkpoints = "runs/r1/checkpoints";

    [Fact]
    public async Task CommitStagedAsync_StagedFiles_WritesTheSameManifestBytesAsCommitAsync()
    {
        var staging = TestStores.Sets(azurite);
        var direct = TestStores.Sets(azurite);

        var entries = await staging.StageAsync($"{Checkpoints}/000003", Files("w3", "c3"));
        Assert.Null(await staging.GetManifestRefAsync($"{Checkpoints}/000003"));
        var staged = await staging.CommitStagedAsync($"{Checkpoints}/000003", entries, Metadata(3));
        var committed = await direct.CommitAsync($"{Checkpoints}/000003", Files("w3", "c3"), Metadata(3));

        Assert.True(staged.Created);
        Assert.Equal(committed.ManifestRef, staged.ManifestRef);
        var set = await staging.ReadAsync(staged.ManifestRef);
        Assert.Equal("w3", set.Files["model.safetensors"].ToString());
        Assert.Equal(["config/model.json", "model.safetensors"], entries.Select(e => e.Path));
    }

    [Fact]
    public async Task CommitStagedAsync_Retried_SucceedsWithCreatedFalse()
    {
        var sets = TestStores.Sets(azurite);
        var entries = await sets.StageAsync($"{Checkpoints}/000004", Files("w", "c"));
        var first = await sets.CommitStagedAsync($"{Checkpoints}/000004", entries, Metadata(4));

        var retry = await sets.CommitStagedAsync($"{Checkpoints}/000004", entries, Metadata(4));

        Assert.False(retry.Created);
        Assert.Equal(first.ManifestRef, retry.ManifestRef);
    }

    [Fact]
    public async Task CommitStagedAsync_StagedFileMissing_ThrowsNamingItAndLeavesTheSetUncommitted()
    {
        var sets = TestStores.Sets(azurite);
        var entries = await sets.StageAsync($"{Checkpoints}/000005", Files("w", "c"));
        await sets.Blobs.DeleteAsync($"{Checkpoints}/000005/model.safetensors");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => sets.CommitStagedAsync($"{Checkpoints}/000005", entries, Metadata(5)));

        Assert.Contains("model.safetensors", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("config/model.json", e.Message, StringComparison.Ordinal);
        Assert.Null(await sets.GetManifestRefAsync($"{Checkpoints}/000005"));
    }

    [Fact]
    public async Task CommitStagedAsync_CommittedWithOtherContent_ThrowsConflict()
    {
        var sets = TestStores.Sets(azurite);
        var entries = await sets.StageAsync($"{Checkpoints}/000006", Files("w", "c"));
        await sets.CommitStagedAsync($"{Checkpoints}/000006", entries, Metadata(6));

        await Assert.ThrowsAsync<ArtifactConflictException>(() => sets.CommitStagedAsync($"{Checkpoints}/000006", entries, Metadata(7)));
    }

    [Fact]
    public async Task StageAsync_CommittedSet_ThrowsConflictAndLeavesItsFiles()
    {
        var sets = TestStores.Sets(azurite);
        await sets.CommitAsync($"{Checkpoints}/000007", Files("w", "c"), Metadata(7));

        await Assert.ThrowsAsync<ArtifactConflictException>(() => sets.StageAsync($"{Checkpoints}/000007", Files("other", "c")));

        var set = await sets.ReadAsync($"{Checkpoints}/000007");
        Assert.Equal("w", set.Files["model.safetensors"].ToString());
    }

    [Fact]
    public async Task FindUnstagedAsync_FileWithOtherSize_ListsOnlyIt()
    {
        var sets = TestStores.Sets(azurite);
        var entries = await sets.StageAsync($"{Checkpoints}/000008", Files("w", "c"));
        await sets.Blobs.PutAsync($"{Checkpoints}/000008/config/model.json", TestStores.Text("longer"));

        var unstaged = await sets.FindUnstagedAsync($"{Checkpoints}/000008/", entries);

        Assert.Equal(["config/model.json"], unstaged);
    }
}
