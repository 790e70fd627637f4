using Mpo.TestSupport;

namespace Mpo.Training.Tests.Support;

/// <summary>
/// Model folders with random weights written once per test run by tests/python/reference_models.py (PyTorch,
/// independent of this code), one per family.
/// </summary>
public sealed class ReferenceFolders : IDisposable
{
    private readonly TempFolder _root = new();

    public ReferenceFolders()
    {
        foreach (var arch in new[] { "llama", "qwen2", "gpt2" })
        {
            ExternalProcess.Run(ExternalProcess.Python, [Script, "write", "--arch", arch, "--out", Path.Combine(_root.Path, arch)]);
        }
    }

    public static string Script => RepoPaths.Tests("python", "reference_models.py");

    public string Of(string arch) => Path.Combine(_root.Path, arch);

    public void Dispose() => _root.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ReferenceFoldersCollection : ICollectionFixture<ReferenceFolders>
{
    public const string Name = "reference model folders";
}
