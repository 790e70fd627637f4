namespace Mpo.Cli.Pretraining;

/// <summary>
/// The tiny policy shipped with <c>mpo</c> for the bundled task: made by <c>mpo pretrain</c> (its
/// <see cref="RecordFile"/> says how), committed under src/Mpo.Cli/Bundled/ and copied next to mpo.dll.
/// </summary>
public static class BundledPolicy
{
    /// <summary>The folder name under the program's Bundled folder.</summary>
    public const string FolderName = "mini-qa-policy";

    /// <summary>The file recording the command, versions and measured numbers that produced the policy.</summary>
    public const string RecordFile = "pretrain.json";

    /// <summary>The policy folder next to the running program.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Bundled", FolderName);
}
