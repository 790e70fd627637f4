using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Services;

/// <summary>
/// The metadata of a committed checkpoint's manifest: enough to resume the run from it (step, rubric version, data
/// cursor). No timestamps or host names, so equal training state gives an equal manifest SHA-256.
/// </summary>
public sealed record CheckpointMetadata(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("rubric_version")] int RubricVersion,
    [property: JsonPropertyName("data_cursor")] long DataCursor)
{
    /// <summary>As the manifest's metadata object.</summary>
    public JsonElement ToElement() => JsonSerializer.SerializeToElement(this);

    /// <summary>Reads it back from a manifest's metadata.</summary>
    public static CheckpointMetadata From(JsonElement metadata) =>
        metadata.Deserialize<CheckpointMetadata>() ?? throw new InvalidDataException("checkpoint manifest without metadata.");

    /// <summary>The step number at the end of a checkpoint set path (<c>runs/r/checkpoints/000012</c> → 12).</summary>
    public static int StepOf(string setPath)
    {
        var name = setPath.TrimEnd('/');
        return int.Parse(name[(name.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
