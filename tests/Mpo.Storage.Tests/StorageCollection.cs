using Mpo.TestSupport;

namespace Mpo.Storage.Tests;

/// <summary>One Azurite for every storage test class; each test uses its own container.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Storage";
}
