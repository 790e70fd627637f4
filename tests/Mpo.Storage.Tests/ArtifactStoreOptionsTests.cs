using Mpo.Core;

namespace Mpo.Storage.Tests;

public class ArtifactStoreOptionsTests
{
    [Fact]
    public void Validate_Defaults_Passes()
    {
        var options = new ArtifactStoreOptions();

        options.Validate();

        Assert.Equal("mpo", options.ContainerName);
        Assert.Equal(4, options.MaxTransferConcurrency);
    }

    [Theory]
    [InlineData("Has_Upper", "Storage:ContainerName must be 3-63 lowercase letters")]
    [InlineData("ab", "Storage:ContainerName must be 3-63 lowercase letters")]
    [InlineData("a--b", "Storage:ContainerName must be 3-63 lowercase letters")]
    public void Validate_BadContainerName_ThrowsNamingTheOption(string name, string expected)
    {
        var e = Assert.Throws<MpoInputException>(() => new ArtifactStoreOptions { ContainerName = name }.Validate());

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Validate_ConcurrencyOutOfRange_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<MpoInputException>(() => new ArtifactStoreOptions { MaxTransferConcurrency = 0 }.Validate());

        Assert.Contains("Storage:MaxTransferConcurrency must be between 1 and 64", e.Message);
    }
}
