using System.Text;
using System.Text.Json;

using Mpo.Storage.Sets;

namespace Mpo.Storage.Tests.Sets;

public class ArtifactManifestTests
{
    private const string ShaA = "a3f1e0c0b27c7d64b1c0f5e0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4";
    private const string ShaB = "0000000000000000000000000000000000000000000000000000000000000001";

    [Fact]
    public void ToCanonicalJson_FilesAndMetadata_WritesThePinnedFormat()
    {
        var manifest = new ArtifactManifest(
            [new ArtifactManifestEntry("model.safetensors", ShaA, 1234), new ArtifactManifestEntry("config.json", ShaB, 56)],
            Json("""{"step": 12, "run": "r1", "model": {"n_layer": 2, "d_model": 64}, "lr": 1.0e-5}"""));

        var text = Encoding.UTF8.GetString(manifest.ToCanonicalJson());

        Assert.Equal(
            $$"""
            {
              "format": "mpo-artifact-set",
              "version": 1,
              "files": [
                {
                  "path": "config.json",
                  "sha256": "{{ShaB}}",
                  "size": 56
                },
                {
                  "path": "model.safetensors",
                  "sha256": "{{ShaA}}",
                  "size": 1234
                }
              ],
              "metadata": {
                "lr": 1E-05,
                "model": {
                  "d_model": 64,
                  "n_layer": 2
                },
                "run": "r1",
                "step": 12
              }
            }

            """, text);
    }

    [Fact]
    public void ToCanonicalJson_SameContentInAnotherOrder_GivesIdenticalBytes()
    {
        var a = new ArtifactManifest(
            [new ArtifactManifestEntry("b.bin", ShaA, 1), new ArtifactManifestEntry("a.bin", ShaB, 2)],
            Json("""{"x": 1, "y": {"q": [3, 2], "p": true}}"""));
        var b = new ArtifactManifest(
            [new ArtifactManifestEntry("a.bin", ShaB, 2), new ArtifactManifestEntry("b.bin", ShaA, 1)],
            Json("""{"y": {"p": true, "q": [3, 2]}, "x": 1.0}"""));

        Assert.Equal(a.ToCanonicalJson(), b.ToCanonicalJson());
    }

    [Fact]
    public void Parse_CanonicalJson_RoundTripsFilesAndMetadata()
    {
        var manifest = new ArtifactManifest([new ArtifactManifestEntry("dir/w.bin", ShaA, 7)], Json("""{"step": 3}"""));

        var parsed = ArtifactManifest.Parse(manifest.ToCanonicalJson());

        Assert.Equal(manifest.Files, parsed.Files);
        Assert.Equal(3, parsed.Metadata.GetProperty("step").GetInt32());
        Assert.Equal(manifest.ToCanonicalJson(), parsed.ToCanonicalJson());
    }

    [Theory]
    [InlineData("""{"format":"mpo-artifact-set","version":2,"files":[],"metadata":{}}""", "version")]
    [InlineData("""{"format":"other","version":1,"files":[],"metadata":{}}""", "format")]
    [InlineData("""{"format":"mpo-artifact-set","version":1,"files":[]}""", "'metadata'")]
    [InlineData("""{"format":"mpo-artifact-set","version":1,"files":[],"metadata":{},"created":"2026-01-01"}""", "unknown field 'created'")]
    [InlineData("""{"format":"mpo-artifact-set","version":1,"files":[{"path":"../x","sha256":"0000000000000000000000000000000000000000000000000000000000000001","size":1}],"metadata":{}}""", "'../x'")]
    [InlineData("""{"format":"mpo-artifact-set","version":1,"files":[{"path":"x","sha256":"ABC","size":1}],"metadata":{}}""", "sha256")]
    [InlineData("""{"format":"mpo-artifact-set","version":1,"files":[{"path":"x","sha256":"0000000000000000000000000000000000000000000000000000000000000001","size":-1}],"metadata":{}}""", "files[0]")]
    [InlineData("""{"format":"mpo-artifact-set","version":1,"files":[{"path":"manifest.json","sha256":"0000000000000000000000000000000000000000000000000000000000000001","size":1}],"metadata":{}}""", "reserved")]
    [InlineData("""not json""", "not valid JSON")]
    public void Parse_InvalidManifest_ThrowsFormatExceptionNamingTheProblem(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ArtifactManifest.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Constructor_DuplicatePaths_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ArtifactManifest(
            [new ArtifactManifestEntry("a", ShaA, 1), new ArtifactManifestEntry("a", ShaB, 1)]));

        Assert.Contains("'a' appears twice", e.Message);
    }

    [Fact]
    public void Constructor_MetadataNotAnObject_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ArtifactManifest([], Json("[1, 2]")));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
