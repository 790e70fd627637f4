using System.Globalization;
using System.Text.Json;
using Mpo.Core;
using Mpo.Judging.Metrics;

namespace Mpo.Judging.Tasks;

/// <summary>
/// Loads a task's JSON Lines data. Every problem is reported as <c>file:line: field: problem</c>
/// (<see cref="MpoInputException"/>), so a bad row in a 10,000-row file is found at once. Blank lines are ignored.
/// </summary>
public static class TaskDataLoader
{
    /// <summary>Loads <paramref name="path"/> with <paramref name="task"/>'s schema.</summary>
    public static TaskDataset Load(TaskDefinition task, string path, TaskLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Load(task.EffectiveData, path, options);
    }

    /// <summary>Loads <paramref name="path"/> with <paramref name="schema"/>.</summary>
    public static TaskDataset Load(TaskDataSchema schema, string path, TaskLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new TaskLoadOptions();
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MpoInputException($"{path}: cannot read the file: {e.Message}", e);
        }

        var examples = new List<TaskExample>();
        int skipped = 0, number = 0;
        foreach (var line in lines)
        {
            number++;
            if (options.Limit is { } limit && examples.Count >= limit)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{path}:{number}";
            var example = ParseRow(schema, line, where, out var ineligible);
            if (ineligible is not null)
            {
                if (!options.SkipIneligible)
                {
                    throw new MpoInputException($"{where}: {ineligible}");
                }

                skipped++;
                continue;
            }

            examples.Add(example!);
        }

        return new TaskDataset(examples, skipped);
    }

    private static TaskExample? ParseRow(TaskDataSchema schema, string line, string where, out string? ineligible)
    {
        ineligible = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{where}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var row = document.RootElement;
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new MpoInputException($"{where}: expected a JSON object, found {JsonFiles.Describe(row.ValueKind)}.");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var spec in schema.Fields)
            {
                if (!row.TryGetProperty(spec.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    ineligible ??= spec.Required ? $"{spec.Name}: missing (required)." : null;
                    continue;
                }

                var text = ReadValue(spec, value, where);
                if (spec.AllowedValues is { } allowed && !allowed.Contains(text))
                {
                    ineligible ??= $"{spec.Name}: \"{text}\" is not one of {string.Join(", ", allowed)}.";
                    continue;
                }

                fields[spec.Name] = text;
            }

            foreach (var group in schema.OneOf)
            {
                if (!group.Any(fields.ContainsKey))
                {
                    ineligible ??= $"{group[0]}: missing; one of {string.Join(", ", group)} is required.";
                }
            }

            if (ineligible is not null)
            {
                return null;
            }

            try
            {
                var reference = schema.Complete is { } complete
                    ? complete(fields)
                    : schema.ReferenceField is { } name ? fields.GetValueOrDefault(name) : null;
                return new TaskExample(where, fields, reference);
            }
            catch (TaskRowException e)
            {
                throw new MpoInputException($"{where}: {e.Field}: {e.Problem}", e);
            }
        }
    }

    private static string ReadValue(FieldSpec spec, JsonElement value, string where)
    {
        switch (spec.Kind)
        {
            case FieldKind.Text when value.ValueKind == JsonValueKind.String:
            case FieldKind.TextOrInteger when value.ValueKind == JsonValueKind.String:
                return value.GetString()!;
            case FieldKind.Integer or FieldKind.TextOrInteger when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n):
                return n.ToString(CultureInfo.InvariantCulture);
            case FieldKind.Integer when value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                return parsed.ToString(CultureInfo.InvariantCulture);
            default:
                var expected = spec.Kind switch
                {
                    FieldKind.Integer => "an integer",
                    FieldKind.TextOrInteger => "a string or an integer",
                    _ => "a string",
                };
                throw new MpoInputException($"{where}: {spec.Name}: expected {expected}, found {Found(value)}.");
        }
    }

    private static string Found(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? $"the number {value.GetRawText()}"
        : value.ValueKind == JsonValueKind.String ? $"the string \"{value.GetString()}\""
        : JsonFiles.Describe(value.ValueKind);
}
