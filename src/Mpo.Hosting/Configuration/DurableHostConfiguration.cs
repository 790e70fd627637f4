using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Mpo.Core;

namespace Mpo.Hosting.Configuration;

/// <summary>
/// Reads <see cref="DurableHostOptions"/> from <c>host.json</c>, the environment and the command line
/// (see <see cref="DurableSetting.All"/>), and validates the result. A bad value is reported as an
/// <see cref="MpoInputException"/> naming where it came from (file and key, variable or option) and the problem.
/// </summary>
public static class DurableHostConfiguration
{
    /// <summary>The settings file name, at the repository root and next to the program.</summary>
    public const string HostJsonFileName = "host.json";

    /// <summary>
    /// Finds <c>host.json</c> in the current folder, else next to the program; <c>null</c> when neither has one.
    /// </summary>
    public static string? FindHostJson()
    {
        foreach (var folder in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var path = Path.Combine(folder, HostJsonFileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Loads and validates the options.</summary>
    /// <param name="hostJsonPath">The host.json to read, or <c>null</c> for none.</param>
    /// <param name="commandLine">Values given on the command line, keyed by option name (<c>--hub</c>); null values are ignored.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    /// <exception cref="MpoInputException">A value does not parse or is out of range.</exception>
    public static DurableHostOptions Load(
        string? hostJsonPath,
        IReadOnlyDictionary<string, string?>? commandLine = null,
        Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var hostJson = hostJsonPath is null ? null : ReadHostJson(hostJsonPath);
        var options = new DurableHostOptions();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var setting in DurableSetting.All)
        {
            (string Value, string Source)? chosen = null;
            if (setting.HostJsonKey is not null && hostJson is not null && Find(hostJson.Value, setting.HostJsonKey) is { } fromFile)
            {
                chosen = (fromFile, $"{Path.GetFileName(hostJsonPath)} ({setting.HostJsonKey})");
            }

            if (environment(setting.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                chosen = (fromEnvironment, $"environment variable {setting.EnvironmentVariable}");
            }

            if (setting.CommandLineOption is not null && commandLine is not null
                && commandLine.TryGetValue(setting.CommandLineOption, out var fromCommandLine) && fromCommandLine is not null)
            {
                chosen = (fromCommandLine, $"option {setting.CommandLineOption}");
            }

            if (chosen is { } c)
            {
                options = With(options, setting.Property, c.Value, c.Source);
                sources[setting.Property] = c.Source;
            }
        }

        Validate(options, sources);
        return options;
    }

    /// <summary>Validates options built in code (DataAnnotations), naming the property on failure.</summary>
    /// <exception cref="MpoInputException">A value is out of range.</exception>
    public static void Validate(DurableHostOptions options) => Validate(options, new Dictionary<string, string>());

    private static void Validate(DurableHostOptions options, IReadOnlyDictionary<string, string> sources)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return;
        }

        var first = results[0];
        var member = first.MemberNames.FirstOrDefault() ?? "?";
        var source = sources.TryGetValue(member, out var s) ? s : $"{nameof(DurableHostOptions)}.{member}";
        throw new MpoInputException($"{source}: {first.ErrorMessage}");
    }

    private static JsonElement? ReadHostJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{path}: not valid JSON ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new MpoInputException($"{path}: cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Finds a dotted key, ignoring case as Durable Functions does; the value as text.</summary>
    private static string? Find(JsonElement root, string dottedKey)
    {
        var current = root;
        foreach (var part in dottedKey.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var next = current.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase));
            if (next.Value.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            current = next.Value;
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null => null,
            _ => current.GetRawText(),
        };
    }

    private static DurableHostOptions With(DurableHostOptions options, string property, string text, string source)
    {
        var info = typeof(DurableHostOptions).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"No property {property} on {nameof(DurableHostOptions)}");
        object value = info.PropertyType switch
        {
            var t when t == typeof(string) => text.Trim(),
            var t when t == typeof(int) => ParseInt(text, source),
            var t when t == typeof(TimeSpan) => ParseDuration(text, source),
            var t => throw new InvalidOperationException($"Unsupported setting type {t}"),
        };
        var copy = options with { };
        info.SetValue(copy, value);
        return copy;
    }

    private static int ParseInt(string text, string source) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new MpoInputException($"{source}: '{text}' is not a whole number");

    private static TimeSpan ParseDuration(string text, string source)
    {
        // A bare number would parse as days ("30" = 30 days): insist on hh:mm:ss.
        var trimmed = text.Trim();
        return trimmed.Contains(':', StringComparison.Ordinal)
               && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MpoInputException($"{source}: '{text}' is not a duration; write hh:mm:ss, e.g. 00:00:30");
    }
}
