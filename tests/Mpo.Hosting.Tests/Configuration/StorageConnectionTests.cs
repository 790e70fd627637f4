using Mpo.Core;
using Mpo.Hosting.Configuration;
using Mpo.Storage.Azurite;

namespace Mpo.Hosting.Tests.Configuration;

public sealed class StorageConnectionTests
{
    private static readonly string Azurite = AzuriteConnection.For(10000, 10001, 10002);

    [Fact]
    public void ToString_AzuriteConnection_ShowsEndpointButNeverTheKey()
    {
        var connection = new StorageConnection(Azurite, "test");

        var text = connection.ToString();

        Assert.Contains("devstoreaccount1 at http://127.0.0.1:10000/devstoreaccount1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteConnection.DevelopmentAccountKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_OptionAndVariables_OptionThenMpoVariableThenFunctionsVariable()
    {
        var env = new Dictionary<string, string?>
        {
            ["MPO_STORAGE_CONNECTION_STRING"] = "AccountName=fromenv;AccountKey=x",
            ["AzureWebJobsStorage"] = "AccountName=fromfunctions;AccountKey=y",
        };

        var fromOption = StorageConnection.FromConfiguration(Azurite, env.GetValueOrDefault);
        var fromMpo = StorageConnection.FromConfiguration(null, env.GetValueOrDefault);
        var fromFunctions = StorageConnection.FromConfiguration(null, n => n == "AzureWebJobsStorage" ? env[n] : null);
        var none = StorageConnection.FromConfiguration(" ", _ => null);

        Assert.Equal("option --storage", fromOption?.Source);
        Assert.Equal("environment variable MPO_STORAGE_CONNECTION_STRING", fromMpo?.Source);
        Assert.StartsWith("fromfunctions at", fromFunctions?.Describe(), StringComparison.Ordinal);
        Assert.Null(none);
    }

    [Fact]
    public void Constructor_NotAConnectionString_ThrowsWithoutEchoingIt()
    {
        var e = Assert.Throws<MpoInputException>(() => new StorageConnection("s3cr3t-without-pairs", "option --storage"));

        Assert.StartsWith("option --storage: not a storage connection string", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }
}
