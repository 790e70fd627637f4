using System.Text.Json;
using Mpo.Core;

namespace Mpo.Pipeline.Config;

/// <summary>
/// Reads a run config strictly: malformed JSON, unknown fields and values of the wrong type are errors naming the
/// file and the JSON path (<c>$.rl.kl_coef</c>), and <see cref="RunConfigValidation"/> then checks every value, so a
/// bad config fails before anything starts.
/// </summary>
public static class RunConfigReader
{
    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="MpoInputException">The file is missing, not JSON, has an unknown field, or a bad value.</exception>
    public static RunConfig ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new MpoInputException($"{path}: run config file not found.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates config JSON; <paramref name="source"/> names it in errors.</summary>
    public static RunConfig Parse(string json, string source = "run config")
    {
        ArgumentNullException.ThrowIfNull(json);
        RunConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<RunConfig>(json, RunConfigJson.Options);
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{source}: {Describe(e)}", e);
        }

        if (config is null)
        {
            throw new MpoInputException($"{source}: the config is null; expected a JSON object.");
        }

        RunConfigValidation.Validate(config, source);
        return config;
    }

    private static string Describe(JsonException e)
    {
        var path = e.Path ?? "$";
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Between(message, "The JSON property '", "'");
            var field = name is null ? path : path.EndsWith("." + name, StringComparison.Ordinal) || path.EndsWith($"['{name}']", StringComparison.Ordinal) ? path : $"{path}.{name}";
            return $"unknown field '{field}'; see docs/run-config.md for the fields.";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = cut > 0 ? message[..cut] : message;
        return $"field '{path}' is invalid: {reason}";
    }

    private static string? Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        i += start.Length;
        var j = text.IndexOf(end, i, StringComparison.Ordinal);
        return j < 0 ? null : text[i..j];
    }
}
