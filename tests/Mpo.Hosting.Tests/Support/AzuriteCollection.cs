using Mpo.TestSupport;

namespace Mpo.Hosting.Tests.Support;

/// <summary>The tests that need storage share one Azurite and run one class at a time (they spawn processes).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}
