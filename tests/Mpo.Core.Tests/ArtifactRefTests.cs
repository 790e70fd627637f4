using System.Text.Json;

using Mpo.Core;

namespace Mpo.Core.Tests;

public class ArtifactRefTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void Constructor_UppercaseOrShortHash_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ArtifactRef("a/b", Sha.ToUpperInvariant()));
        Assert.Throws<ArgumentException>(() => new ArtifactRef("a/b", Sha[..63]));
        Assert.Throws<ArgumentException>(() => new ArtifactRef(" ", Sha));
    }

    [Fact]
    public void JsonRoundTrip_AsAnOrchestrationPayload_KeepsPathAndHash()
    {
        var reference = new ArtifactRef("runs/r1/checkpoints/step-000012/manifest.json", Sha);

        var json = JsonSerializer.Serialize(reference, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<ArtifactRef>(json, JsonSerializerOptions.Web);

        Assert.Equal($"{{\"path\":\"runs/r1/checkpoints/step-000012/manifest.json\",\"sha256\":\"{Sha}\"}}", json);
        Assert.Equal(reference, back);
    }
}
