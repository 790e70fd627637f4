namespace Mpo.Judging.Tests.Metrics;

/// <summary>
/// Finds the shared fixtures (<c>shared/data</c>), which live beside the repository, not in it: walks up from the
/// test assembly's folder to the first directory that holds <c>shared/data/README.md</c>.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The <c>shared/data</c> folder.</summary>
    public static string DataFolder => Root.Value;

    /// <summary>A path under <c>shared/data</c>, from '/'-separated parts.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([DataFolder, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"shared/data not found: no parent of {AppContext.BaseDirectory} holds shared/data/README.md. " +
            "The fixtures are expected in a 'shared' folder beside the repository checkout.");
    }
}
