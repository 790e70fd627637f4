namespace Mpo.Training.Tests.Support;

/// <summary>Finds files of the repository (scripts under tests/) from the test binaries' folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Tests(params string[] parts) => Path.Combine([Root, "tests", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MPO.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MPO.sln not found above " + AppContext.BaseDirectory);
    }
}
