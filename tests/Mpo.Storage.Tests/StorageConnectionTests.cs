using Mpo.Core;
using Mpo.Storage.Azurite;

namespace Mpo.Storage.Tests;

public class StorageConnectionTests
{
    [Fact]
    public void Describe_ConnectionString_NamesTheAccountButNotTheKey()
    {
        var connection = StorageConnection.FromConnectionString(AzuriteConnection.For(10000, 10001, 10002));

        var text = connection.ToString();

        Assert.Equal("storage account 'devstoreaccount1' at http://127.0.0.1:10000/devstoreaccount1 (connection string)", text);
        Assert.DoesNotContain(AzuriteConnection.DevelopmentAccountKey, text);
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

        Assert.Equal("storage account https://acct.blob.core.windows.net/ (token credential)", connection.Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("just-a-key-without-pairs")]
    public void FromConnectionString_Malformed_ThrowsInputError(string value)
    {
        var e = Assert.Throws<MpoInputException>(() => StorageConnection.FromConnectionString(value));

        Assert.Contains("malformed", e.Message);
    }

    [Fact]
    public void CreateBlobServiceClient_RejectedBySdk_ThrowsInputErrorWithoutTheString()
    {
        var connection = StorageConnection.FromConnectionString("AccountName=a;AccountKey=SECRETKEY==;Nonsense");

        var e = Assert.Throws<MpoInputException>(() => connection.CreateBlobServiceClient(new ArtifactStoreOptions()));

        Assert.DoesNotContain("SECRETKEY", e.Message);
    }

    [Fact]
    public void FromAccountUrl_WithQueryString_ThrowsInputError()
    {
        Assert.Throws<MpoInputException>(
            () => StorageConnection.FromAccountUrl(new Uri("https://acct.blob.core.windows.net/?sig=x")));
    }
}
