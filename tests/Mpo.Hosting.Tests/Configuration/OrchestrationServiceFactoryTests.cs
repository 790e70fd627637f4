using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Core;
using Mpo.Hosting.Configuration;
using Mpo.Storage;

namespace Mpo.Hosting.Tests.Configuration;

public sealed class OrchestrationServiceFactoryTests
{
    [Fact]
    public void Create_AccountUrlConnection_ThrowsInputErrorNamingTheSource()
    {
        var connection = StorageConnection.FromAccountUrl(
            new Uri("https://acct.blob.core.windows.net"), credential: null, "environment variable MPO_STORAGE_ACCOUNT_URL");

        var e = Assert.Throws<MpoInputException>(
            () => OrchestrationServiceFactory.Create(new DurableHostOptions(), connection, NullLoggerFactory.Instance));

        Assert.StartsWith("environment variable MPO_STORAGE_ACCOUNT_URL: the durable engine needs a storage connection string", e.Message, StringComparison.Ordinal);
    }
}
