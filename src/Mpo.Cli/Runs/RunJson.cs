using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Mpo.Core.Pipeline;

namespace Mpo.Cli.Runs;

/// <summary>JSON shapes shared by the run commands (camelCase, one object per command).</summary>
internal static class RunJson
{
    /// <summary>Serializer options of every run command's output.</summary>
    /// <remarks>Relaxed escaping keeps rubric text readable (<c>&lt;item&gt;</c>, not <c>\u003Citem\u003E</c>); the output is not embedded in HTML.</remarks>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"step","sha256","manifestPath"}</c>, or null.</summary>
    public static JsonObject? Checkpoint(CheckpointRef? checkpoint) => checkpoint is null
        ? null
        : new JsonObject { ["step"] = checkpoint.Step, ["sha256"] = checkpoint.ManifestSha256, ["manifestPath"] = checkpoint.ManifestPath };

    /// <summary><c>{"errorType","errorMessage","inner"}</c> of a failed instance, or null.</summary>
    public static JsonObject? Failure(TaskFailureDetails? failure) => failure is null
        ? null
        : new JsonObject
        {
            ["errorType"] = failure.ErrorType,
            ["errorMessage"] = failure.ErrorMessage,
            ["inner"] = Failure(failure.InnerFailure),
        };

    /// <summary>The innermost failure message: the activity's own error, under the orchestrations that relayed it.</summary>
    public static string Describe(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var inner = failure;
        while (inner.InnerFailure is not null)
        {
            inner = inner.InnerFailure;
        }

        return $"{inner.ErrorType}: {inner.ErrorMessage}";
    }

    /// <summary>Writes <paramref name="node"/> as one JSON object line.</summary>
    public static void Write(TextWriter output, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(node.ToJsonString(Options));
    }
}
