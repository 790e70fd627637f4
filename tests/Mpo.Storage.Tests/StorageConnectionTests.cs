using Azure.Core;
using Azure.Identity;

using Mpo.Core;
using Mpo.Storage.Azurite;

namespace Mpo.Storage.Tests;

public class StorageConnectionTests
{
    [Fact]
    public void ToString_AzuriteConnection_ShowsAccountEndpointAndSourceButNeverTheKey()
    {
        var connection = StorageConnection.FromConnectionString(AzuriteConnection.For(10000, 10001, 10002), "local Azurite");

        var text = connection.ToString();

        Assert.Equal("devstoreaccount1 at http://127.0.0.1:10000/devstoreaccount1 (from local Azurite)", text);
        Assert.DoesNotContain(AzuriteConnection.DevelopmentAccountKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SasConnectionString_OmitsTheSignature()
    {
        var connection = StorageConnection.FromConnectionString(
            "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2024&sig=SECRETSIG");

        Assert.DoesNotContain("SECRETSIG", connection.Describe());
        Assert.Contains("https://acct.blob.core.windows.net/", connection.Describe());
    }

    [Fact]
    public void Describe_AccountUrl_NamesTheUrl()
    {
        var connection = StorageConnection.FromAccountUrl(new Uri("https://acct.blob.core.windows.net"));

        Assert.Equal("https://acct.blob.core.windows.net/ (token credential)", connection.Describe());
    }

    [Fact]
    public void ConnectionString_AccountUrl_ThrowsNamingTheSource()
    {
        var connection = StorageConnection.FromAccountUrl(new Uri("https://acct.blob.core.windows.net"), credential: null, "environment variable MPO_STORAGE_ACCOUNT_URL");

        var e = Assert.Throws<InvalidOperationException>(() => connection.ConnectionString);

        Assert.StartsWith("environment variable MPO_STORAGE_ACCOUNT_URL: an account-URL connection", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s3cr3t-without-pairs")]
    [InlineData("AccountName=a;AccountKey=s3cr3t==;Nonsense")]
    public void FromConnectionString_NotKeyValuePairs_ThrowsInputErrorNamingTheSourceWithoutEchoingIt(string value)
    {
        var e = Assert.Throws<MpoInputException>(() => StorageConnection.FromConnectionString(value, "option --storage"));

        Assert.StartsWith("option --storage: not a storage connection string", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_OptionAndVariables_OptionThenMpoVariableThenFunctionsVariable()
    {
        var env = new Dictionary<string, string?>
        {
            ["MPO_STORAGE_CONNECTION_STRING"] = "AccountName=fromenv;AccountKey=x",
            ["AzureWebJobsStorage"] = "AccountName=fromfunctions;AccountKey=y",
        };

        var fromOption = StorageConnection.FromConfiguration(AzuriteConnection.For(10000, 10001, 10002), env.GetValueOrDefault);
        var fromMpo = StorageConnection.FromConfiguration(null, env.GetValueOrDefault);
        var fromFunctions = StorageConnection.FromConfiguration(null, n => n == "AzureWebJobsStorage" ? env[n] : null);
        var none = StorageConnection.FromConfiguration(" ", _ => null);

        Assert.Equal("option --storage", fromOption?.Source);
        Assert.Equal("environment variable MPO_STORAGE_CONNECTION_STRING", fromMpo?.Source);
        Assert.StartsWith("fromfunctions at", fromFunctions?.Describe(), StringComparison.Ordinal);
        Assert.Null(none);
    }

    [Fact]
    public void CreateBlobServiceClient_RejectedBySdk_ThrowsInputErrorWithoutTheString()
    {
        var connection = StorageConnection.FromConnectionString("AccountName=a;AccountKey=SECRETKEY==;BlobEndpoint=not-a-url");

        var e = Assert.Throws<MpoInputException>(() => connection.CreateBlobServiceClient(new ArtifactStoreOptions()));

        Assert.DoesNotContain("SECRETKEY", e.Message);
    }

    [Fact]
    public void FromAccountUrl_WithQueryString_ThrowsInputError()
    {
        Assert.Throws<MpoInputException>(
            () => StorageConnection.FromAccountUrl(new Uri("https://acct.blob.core.windows.net/?sig=x")));
    }

    [Fact]
    public void FromAccountUrl_PlainHttp_ThrowsInputError()
    {
        var e = Assert.Throws<MpoInputException>(
            () => StorageConnection.FromAccountUrl(new Uri("http://127.0.0.1:10000/devstoreaccount1")));

        Assert.Contains("https", e.Message);
    }

    [Fact]
    public void FromEnvironment_ConnectionStringAndUrl_PrefersTheConnectionStringAndNamesBadVariables()
    {
        var saved = (Environment.GetEnvironmentVariable(StorageConnection.ConnectionStringVariable),
                     Environment.GetEnvironmentVariable(StorageConnection.AccountUrlVariable));
        try
        {
            Environment.SetEnvironmentVariable(StorageConnection.ConnectionStringVariable, null);
            Environment.SetEnvironmentVariable(StorageConnection.AccountUrlVariable, null);
            Assert.Null(StorageConnection.FromEnvironment());

            Environment.SetEnvironmentVariable(StorageConnection.AccountUrlVariable, "https://acct.blob.core.windows.net");
            Assert.Equal(new Uri("https://acct.blob.core.windows.net"), StorageConnection.FromEnvironment()!.AccountUrl);

            Environment.SetEnvironmentVariable(StorageConnection.ConnectionStringVariable, AzuriteConnection.For(1, 2, 3));
            Assert.Null(StorageConnection.FromEnvironment()!.AccountUrl);

            Environment.SetEnvironmentVariable(StorageConnection.ConnectionStringVariable, null);
            Environment.SetEnvironmentVariable(StorageConnection.AccountUrlVariable, "not a url");
            var e = Assert.Throws<MpoInputException>(() => StorageConnection.FromEnvironment());
            Assert.Contains(StorageConnection.AccountUrlVariable, e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StorageConnection.ConnectionStringVariable, saved.Item1);
            Environment.SetEnvironmentVariable(StorageConnection.AccountUrlVariable, saved.Item2);
        }
    }

    [Fact]
    public async Task AccountUrlStore_CredentialWithoutIdentity_ThrowsStorageErrorNamingTheCredential()
    {
        var port = AzuriteLauncher.FreePort();
        var connection = StorageConnection.FromAccountUrl(new Uri($"https://127.0.0.1:{port}/acct"), new NoIdentity());
        var store = BlobArtifactStore.Create(connection, new ArtifactStoreOptions { MaxRetries = 0 });

        var e = await Assert.ThrowsAsync<ArtifactStorageException>(() => store.GetAsync("a/b"));

        Assert.Equal(401, e.Status);
        Assert.Contains("no token from the credential", e.Message);
        Assert.Contains("no identity in this test", e.Message);
    }

    private sealed class NoIdentity : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new CredentialUnavailableException("no identity in this test");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new CredentialUnavailableException("no identity in this test");
    }
}
