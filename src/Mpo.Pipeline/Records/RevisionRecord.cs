using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Records;

/// <summary>
/// What the meta-reward model did at a revision step (<c>runs/{run}/revisions/{step}.json</c>), successful or not.
/// A failed or "no change" revision keeps the old rubric; the record says why.
/// </summary>
/// <param name="Step">Updates applied when the revision ran.</param>
/// <param name="FromStep">The revision read the rollouts of updates FromStep+1 … Step.</param>
/// <param name="ParentVersion">The rubric version in force before.</param>
/// <param name="RubricVersion">The version in force after (new, or the parent).</param>
/// <param name="Revised">Whether a new version was written.</param>
/// <param name="Author">Who revised (<c>mrm(embedded)</c>, <c>mrm(llm)</c>).</param>
/// <param name="Analysis">The MRM's analysis text.</param>
/// <param name="Failure">Why no new version was written, or null.</param>
/// <param name="SamplesAvailable">Scored rollouts the MRM could read.</param>
/// <param name="DurationMs">How long the revision took.</param>
public sealed record RevisionRecord(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("from_step")] int FromStep,
    [property: JsonPropertyName("parent_version")] int ParentVersion,
    [property: JsonPropertyName("rubric_version")] int RubricVersion,
    [property: JsonPropertyName("revised")] bool Revised,
    [property: JsonPropertyName("author")] string Author,
    [property: JsonPropertyName("analysis")] string Analysis,
    [property: JsonPropertyName("failure")] string? Failure,
    [property: JsonPropertyName("samples_available")] int SamplesAvailable,
    [property: JsonPropertyName("duration_ms")] double DurationMs);
