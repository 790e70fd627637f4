using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary>One Azurite for the run-command tests; each test uses its own task hub and run ids.</summary>
[CollectionDefinition(Name)]
public sealed class RunsCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "run commands on Azurite";
}
