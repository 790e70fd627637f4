using Mpo.Storage.Sets;
using Mpo.TestSupport;

namespace Mpo.Storage.Tests;

/// <summary>Stores over the shared Azurite, each in a fresh container.</summary>
internal static class TestStores
{
    public static BlobArtifactStore Blobs(AzuriteFixture azurite, ArtifactStoreOptions? options = null) =>
        BlobArtifactStore.Create(
            StorageConnection.FromConnectionString(azurite.ConnectionString),
            (options ?? new ArtifactStoreOptions()) with { ContainerName = TestNames.Unique("c") });

    public static ArtifactSetStore Sets(AzuriteFixture azurite) => new(Blobs(azurite));

    public static BinaryData Text(string text) => BinaryData.FromString(text);
}
