using System.Text.Json;
using Mpo.Core;

namespace Mpo.Judging.Metrics;

/// <summary>Opening JSON files and reading fields with errors that name the file, the field and the problem.</summary>
internal static class JsonFiles
{
    public static JsonDocument Open(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MpoInputException($"{path}: cannot read the file: {e.Message}", e);
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{path}: not valid JSON: {e.Message}", e);
        }
    }

    public static string RequiredString(JsonElement element, string name, string where) =>
        OptionalString(element, name, where)
        ?? throw new MpoInputException($"{where}: field \"{name}\": missing (a string is required).");

    public static string? OptionalString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new MpoInputException($"{where}: field \"{name}\": expected a string, found {Describe(value.ValueKind)}.");
        }

        return value.GetString();
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
