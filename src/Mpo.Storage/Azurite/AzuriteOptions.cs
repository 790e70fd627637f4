namespace Mpo.Storage.Azurite;

/// <summary>How to start a local Azurite storage emulator.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Blob port. <c>0</c> picks a free port. The default is 10000, Azurite's own.</summary>
    public int BlobPort { get; init; } = 10000;

    /// <summary>Queue port. <c>0</c> picks a free port. The default is 10001.</summary>
    public int QueuePort { get; init; } = 10001;

    /// <summary>Table port. <c>0</c> picks a free port. The default is 10002.</summary>
    public int TablePort { get; init; } = 10002;

    /// <summary>
    /// Data folder. <c>null</c> keeps everything in memory (tests); a folder makes the data survive
    /// an Azurite restart and the machine going down (local runs).
    /// </summary>
    public string? DataFolder { get; init; }

    /// <summary>
    /// The folder holding <c>package.json</c> and <c>package-lock.json</c> that pin Azurite
    /// (<c>infra/azurite</c> of the repository). <c>null</c> finds it from the program's location,
    /// or from the <c>MPO_AZURITE_DIR</c> environment variable.
    /// </summary>
    public string? InstallFolder { get; init; }

    /// <summary>How long to wait for the three ports to accept. The default is 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
