namespace Mpo.Judging.Tasks;

/// <summary>The JSON type a field must have.</summary>
public enum FieldKind
{
    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>A JSON integer (also accepted: a string of digits), kept as its decimal text.</summary>
    Integer,

    /// <summary>A JSON string or integer, kept as text (ids that some files write either way).</summary>
    TextOrInteger,
}

/// <summary>One field of a task's data rows.</summary>
/// <param name="Name">JSON property name.</param>
/// <param name="Kind">Required JSON type.</param>
/// <param name="Required">Whether a row without it (or with null) is malformed.</param>
/// <param name="AllowedValues">When set, the only values accepted (exact, case-sensitive).</param>
public sealed record FieldSpec(string Name, FieldKind Kind = FieldKind.Text, bool Required = true, IReadOnlyList<string>? AllowedValues = null);

/// <summary>
/// The row format of a task's JSONL data: its fields, which field holds the evaluation reference, and rules across
/// fields. Unknown properties are ignored, so richer source files load unchanged.
/// </summary>
/// <param name="Fields">The fields read from each row.</param>
/// <param name="ReferenceField">The field whose value is the row's evaluation reference (gold summary, label, answer), or <c>null</c>.</param>
public sealed record TaskDataSchema(IReadOnlyList<FieldSpec> Fields, string? ReferenceField = null)
{
    /// <summary>Groups of field names of which at least one must be present (e.g. <c>domain</c> or <c>domain_id</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> OneOf { get; init; } = [];

    /// <summary>
    /// Completes a parsed row (derived fields, defaults) and returns its reference, or throws
    /// <see cref="TaskRowException"/> naming the field. The default returns the <see cref="ReferenceField"/> value.
    /// </summary>
    public Func<Dictionary<string, string>, string?>? Complete { get; init; }
}

/// <summary>A row problem found while completing it: the field and what is wrong (the loader adds file and line).</summary>
public sealed class TaskRowException(string field, string problem) : Exception($"{field}: {problem}")
{
    /// <summary>The offending field.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
