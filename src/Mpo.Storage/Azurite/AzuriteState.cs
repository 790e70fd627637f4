using System.Diagnostics;
using System.Text.Json;

namespace Mpo.Storage.Azurite;

/// <summary>
/// The pid and ports of an Azurite serving a data folder, kept in <c>azurite.json</c> inside it, so a later
/// <c>mpo</c> reuses that Azurite instead of starting a second one on the same folder.
/// </summary>
internal sealed record AzuriteState(int ProcessId, int BlobPort, int QueuePort, int TablePort)
{
    private const string FileName = "azurite.json";

    public static AzuriteState? TryRead(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<AzuriteState>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool IsAlive()
    {
        try
        {
            using var p = Process.GetProcessById(ProcessId);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Write(string dataFolder) =>
        File.WriteAllText(Path.Combine(dataFolder, FileName), JsonSerializer.Serialize(this));

    public static void Delete(string dataFolder)
    {
        try
        {
            File.Delete(Path.Combine(dataFolder, FileName));
        }
        catch (IOException)
        {
        }
    }
}
