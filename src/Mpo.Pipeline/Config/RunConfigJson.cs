using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Config;

/// <summary>The one set of JSON options for run configs: strict on read (unknown fields, nulls for non-nullable fields, trailing commas are errors), stable on write.</summary>
public static class RunConfigJson
{
    /// <summary>Options for reading and writing <see cref="RunConfig"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The config as indented JSON with a final newline (every field written, defaults included).</summary>
    public static string Serialize(RunConfig config) => JsonSerializer.Serialize(config, Options) + "\n";
}
