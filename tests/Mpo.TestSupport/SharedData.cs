namespace Mpo.TestSupport;

/// <summary>
/// The shared data fixtures (Elo log, MATH problems, reward-hacked generations): <c>tests/fixtures/shared-data</c> of
/// the repository, found by walking up from the test assembly's folder.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The shared data folder.</summary>
    public static string DataFolder => Root.Value;

    /// <summary>A path under the shared data folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([DataFolder, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", "shared-data");
            if (File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"tests/fixtures/shared-data not found above {AppContext.BaseDirectory}: run the tests from a repository checkout.");
    }
}
