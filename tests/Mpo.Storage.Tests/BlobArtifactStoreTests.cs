using System.Security.Cryptography;
using System.Text;

using Mpo.Storage.Azurite;
using Mpo.TestSupport;

namespace Mpo.Storage.Tests;

[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public class BlobArtifactStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PutAsync_ThenGetAsync_ReturnsTheSameBytesAndTheirSha256()
    {
        // Arrange
        var store = TestStores.Blobs(azurite);
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();

        // Act
        var written = await store.PutAsync("runs/r1/rollouts/step-000001.bin", new BinaryData(bytes));
        var read = await store.GetAsync("runs/r1/rollouts/step-000001.bin");
        await using var stream = await store.OpenReadAsync("runs/r1/rollouts/step-000001.bin");
        var streamed = new MemoryStream();
        await stream.CopyToAsync(streamed);

        // Assert
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(bytes, streamed.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), written.Sha256);
        Assert.Equal("runs/r1/rollouts/step-000001.bin", written.Path);
    }

    [Fact]
    public async Task PutAsync_TwiceOnOnePath_OverwritesTheContent()
    {
        var store = TestStores.Blobs(azurite);

        await store.PutAsync("scratch/a.txt", TestStores.Text("first"));
        await store.PutAsync("scratch/a.txt", TestStores.Text("second"));

        Assert.Equal("second", (await store.GetAsync("scratch/a.txt")).ToString());
    }

    [Fact]
    public async Task PutFileAsync_ThenDownloadToFileAsync_RoundTripsALocalFile()
    {
        using var folder = new TempFolder();
        var store = TestStores.Blobs(azurite);
        var source = Path.Combine(folder.Path, "weights.bin");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        await File.WriteAllBytesAsync(source, bytes);

        var written = await store.PutFileAsync("ckpt/weights.bin", source);
        var target = Path.Combine(folder.Path, "copy.bin");
        await store.DownloadToFileAsync("ckpt/weights.bin", target);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), written.Sha256);
    }

    [Fact]
    public async Task ExistsAsync_BeforeAndAfterPut_ReportsFalseThenTrue()
    {
        var store = TestStores.Blobs(azurite);

        var before = await store.ExistsAsync("rubrics/r1/v0001.json");
        await store.PutAsync("rubrics/r1/v0001.json", TestStores.Text("{}"));
        var after = await store.ExistsAsync("rubrics/r1/v0001.json");

        Assert.False(before);
        Assert.True(after);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReportsWhetherItDeleted()
    {
        var store = TestStores.Blobs(azurite);
        await store.PutAsync("scratch/x", TestStores.Text("x"));

        var first = await store.DeleteAsync("scratch/x");
        var second = await store.DeleteAsync("scratch/x");

        Assert.True(first);
        Assert.False(second);
        Assert.False(await store.ExistsAsync("scratch/x"));
    }

    [Fact]
    public async Task ListAsync_ByPrefix_ReturnsOnlyMatchingBlobsWithSizes()
    {
        var store = TestStores.Blobs(azurite);
        await store.PutAsync("runs/r1/a.txt", TestStores.Text("aa"));
        await store.PutAsync("runs/r1/sub/b.txt", TestStores.Text("bbb"));
        await store.PutAsync("runs/r10/c.txt", TestStores.Text("c"));
        await store.PutAsync("other/d.txt", TestStores.Text("d"));

        var listed = await store.ListAsync("runs/r1/").ToListAsync();

        Assert.Equal([new ArtifactInfo("runs/r1/a.txt", 2), new ArtifactInfo("runs/r1/sub/b.txt", 3)], listed);
    }

    [Fact]
    public async Task GetAsync_MissingBlob_ThrowsNotFoundNamingThePath()
    {
        var store = TestStores.Blobs(azurite);

        var e = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.GetAsync("rubrics/r1/v0042.json"));

        Assert.Contains("rubrics/r1/v0042.json", e.Message);
        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task CreateAsync_NewPath_CreatesTheBlob()
    {
        var store = TestStores.Blobs(azurite);

        var result = await store.CreateAsync("rubrics/r1/v0001.json", TestStores.Text("{\"v\":1}"));

        Assert.True(result.Created);
        Assert.Equal("{\"v\":1}", (await store.GetAsync("rubrics/r1/v0001.json")).ToString());
    }

    [Fact]
    public async Task CreateAsync_SecondWriterWithDifferentContent_ThrowsConflictAndKeepsTheFirst()
    {
        var store = TestStores.Blobs(azurite);
        var first = await store.CreateAsync("rubrics/r1/v0002.json", TestStores.Text("first writer"));

        var e = await Assert.ThrowsAsync<ArtifactConflictException>(
            () => store.CreateAsync("rubrics/r1/v0002.json", TestStores.Text("second writer")));

        Assert.Equal("first writer", (await store.GetAsync("rubrics/r1/v0002.json")).ToString());
        Assert.Equal(first.Artifact.Sha256, e.ExistingSha256);
        Assert.NotEqual(e.ExistingSha256, e.AttemptedSha256);
        Assert.Contains("rubrics/r1/v0002.json", e.Message);
        Assert.Contains("already exists with different content", e.Message);
    }

    [Fact]
    public async Task CreateAsync_RetryWithIdenticalContent_SucceedsWithCreatedFalse()
    {
        var store = TestStores.Blobs(azurite);
        var first = await store.CreateAsync("rubrics/r1/v0003.json", TestStores.Text("same"));

        var retry = await store.CreateAsync("rubrics/r1/v0003.json", TestStores.Text("same"));

        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(first.Artifact, retry.Artifact);
    }

    [Fact]
    public async Task CreateFromFileAsync_ExistingWithDifferentContent_ThrowsConflict()
    {
        using var folder = new TempFolder();
        var store = TestStores.Blobs(azurite);
        var file = Path.Combine(folder.Path, "scores.jsonl");
        await File.WriteAllTextAsync(file, "{\"score\":3}\n");
        await store.CreateAsync("runs/r1/scores/step-000001.jsonl", TestStores.Text("{\"score\":4}\n"));

        await Assert.ThrowsAsync<ArtifactConflictException>(
            () => store.CreateFromFileAsync("runs/r1/scores/step-000001.jsonl", file));
        var again = await store.CreateFromFileAsync("runs/r1/scores/step-000002.jsonl", file);
        var retry = await store.CreateFromFileAsync("runs/r1/scores/step-000002.jsonl", file);

        Assert.True(again.Created);
        Assert.False(retry.Created);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentIdenticalWriters_ExactlyOneCreates()
    {
        var store = TestStores.Blobs(azurite);
        await store.EnsureContainerAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            store.CreateAsync("runs/r1/rollouts/shard-0003.jsonl", TestStores.Text("deterministic shard output"))));

        Assert.Equal(1, results.Count(r => r.Created));
        Assert.Single(results.Select(r => r.Artifact).Distinct());
    }

    [Fact]
    public async Task GetAsync_WrongAccountKey_ThrowsStorageErrorWithoutTheKey()
    {
        var wrongKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("not-the-development-account-key-0123456789abcdef"));
        var connection = azurite.ConnectionString.Replace(AzuriteConnection.DevelopmentAccountKey, wrongKey);
        Assert.Contains(wrongKey, connection);
        var store = BlobArtifactStore.Create(
            StorageConnection.FromConnectionString(connection),
            new ArtifactStoreOptions { ContainerName = TestNames.Unique("c"), MaxRetries = 0 });

        var e = await Assert.ThrowsAsync<ArtifactStorageException>(() => store.GetAsync("rubrics/r1/v0001.json"));

        Assert.Equal(403, e.Status);
        Assert.Contains("HTTP 403", e.Message);
        Assert.DoesNotContain(wrongKey, e.Message);
        Assert.DoesNotContain("AccountKey", e.Message);
    }

    [Fact]
    public async Task ExistsAsync_NothingListening_ThrowsUnreachableWithoutTheConnectionString()
    {
        var port = AzuriteLauncher.FreePort();
        var connection = AzuriteConnection.For(port, port, port);
        var store = BlobArtifactStore.Create(
            StorageConnection.FromConnectionString(connection),
            new ArtifactStoreOptions { ContainerName = "mpo", MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(5) });

        var e = await Assert.ThrowsAsync<ArtifactStorageException>(() => store.ExistsAsync("a/b"));

        Assert.Equal(0, e.Status);
        Assert.Contains("could not be reached", e.Message);
        Assert.DoesNotContain(AzuriteConnection.DevelopmentAccountKey, e.ToString());
    }

    [Fact]
    public async Task GetAsync_MissingContainerWhenCreationIsOff_ThrowsNamingTheContainer()
    {
        var store = TestStores.Blobs(azurite, new ArtifactStoreOptions { CreateContainerIfMissing = false });

        var e = await Assert.ThrowsAsync<ArtifactStorageException>(() => store.ListAsync("x/").ToListAsync().AsTask());

        Assert.Contains($"container '{store.ContainerName}' does not exist", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("a\\b")]
    public async Task PutAsync_InvalidPath_ThrowsArgumentException(string path)
    {
        var store = TestStores.Blobs(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(path, TestStores.Text("x")));
    }
}
