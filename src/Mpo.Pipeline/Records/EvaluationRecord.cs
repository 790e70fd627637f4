using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Records;

/// <summary>An evaluation of one checkpoint on the task's test split (<c>runs/{run}/evaluations/{step}-{reason}.json</c>).</summary>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="CheckpointSha256">SHA-256 of the checkpoint's manifest.</param>
/// <param name="Reason"><c>epoch</c>, <c>schedule</c> or <c>demand</c>.</param>
/// <param name="Metric">The task's metric (<c>mini_qa_oracle</c>, <c>math_accuracy</c>, <c>rouge</c>, <c>verdict_accuracy</c>).</param>
/// <param name="Value">The headline value (see docs/blob-layout.md).</param>
/// <param name="Values">Every value of the metric.</param>
/// <param name="Count">Test prompts evaluated.</param>
/// <param name="Responses">Per prompt: example id, greedy response, EOS, and its score where the metric has one per response.</param>
public sealed record EvaluationRecord(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("checkpoint_sha256")] string CheckpointSha256,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("values")] IReadOnlyDictionary<string, double> Values,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("responses")] IReadOnlyList<EvaluatedResponseRecord> Responses);

/// <summary>One greedy test response in an <see cref="EvaluationRecord"/>.</summary>
public sealed record EvaluatedResponseRecord(
    [property: JsonPropertyName("example_id")] string ExampleId,
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("eos")] bool Eos,
    [property: JsonPropertyName("score")] double? Score);

/// <summary>The files <c>UpdatePolicy</c> staged for a checkpoint, with what the commit puts in the manifest.</summary>
/// <param name="Step">The checkpoint's step.</param>
/// <param name="Files">Relative path, SHA-256 and size of each staged file (computed from the local files before upload).</param>
public sealed record StagingRecord(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("files")] IReadOnlyList<StagedFile> Files);

/// <summary>One staged checkpoint file.</summary>
public sealed record StagedFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size);

/// <summary>The duration of one activity's computation.</summary>
public sealed record TimingRecord([property: JsonPropertyName("ms")] double Ms);

/// <summary>A committed checkpoint found corrupted during recovery, and set aside.</summary>
public sealed record IncidentRecord(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("manifest_sha256")] string ManifestSha256,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems,
    [property: JsonPropertyName("resumed_from_step")] int? ResumedFromStep);
