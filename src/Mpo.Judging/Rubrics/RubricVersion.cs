using System.Text.Json;
using System.Text.Json.Serialization;
using Mpo.Core;

namespace Mpo.Judging.Rubrics;

/// <summary>
/// One version of a run's rubric, as stored with the run: the rubric text plus where it came from. Versions form a
/// chain through <see cref="ParentVersion"/>, so a run's rubric history can be replayed and diffed.
/// </summary>
/// <param name="Version">Version number, 0 for the initial rubric, then 1, 2, ….</param>
/// <param name="ParentVersion">The version this one revises, or <c>null</c> for the first.</param>
/// <param name="Step">Training step at which the version took effect.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Analysis">The meta-reward model's analysis text that led to it (<c>null</c> when not written by an MRM).</param>
/// <param name="Text">The rubric text in <c>&lt;rubric&gt;</c> format (with ids and checks).</param>
/// <param name="ItemIds">The items' ids, in order.</param>
public sealed record RubricVersion(
    int Version, int? ParentVersion, int Step, RubricAuthor Author, string? Analysis, string Text, IReadOnlyList<string> ItemIds)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Builds a version record for <paramref name="rubric"/>; the text is the canonical rendering.</summary>
    public static RubricVersion Create(
        int version, int? parentVersion, int step, RubricAuthor author, Rubric rubric, string? analysis = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return new RubricVersion(
            version, parentVersion, step, author, analysis, RubricFormat.Render(rubric), rubric.Items.Select(i => i.Id).ToList());
    }

    /// <summary>The rubric this version holds.</summary>
    public Rubric ToRubric(string source = "rubric version") => RubricFormat.Parse(Text, source);

    /// <summary>Serialises the record as JSON (camelCase names, author as <c>{"kind":"mrm","stage":"embedded"}</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a record written by <see cref="ToJson"/>. Throws <see cref="MpoInputException"/> naming <paramref name="source"/>.</summary>
    public static RubricVersion FromJson(string json, string source = "rubric version")
    {
        ArgumentNullException.ThrowIfNull(json);
        RubricVersion? version;
        try
        {
            version = JsonSerializer.Deserialize<RubricVersion>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{source}: not a rubric version record: {e.Message}", e);
        }

        if (version is null || version.Text is null || version.Author is null || version.ItemIds is null)
        {
            throw new MpoInputException($"{source}: a rubric version record needs 'text', 'author' and 'itemIds'.");
        }

        return version;
    }
}
