using System.Text.Json;
using Microsoft.DurableTask;

namespace Mpo.Hosting.Client;

/// <summary>
/// Recovers the structured failure of a failed orchestration. The Azure Storage instance table keeps only
/// <c>"{ErrorType}: {ErrorMessage}"</c> as output; the full <see cref="TaskFailureDetails"/> (with the inner
/// activity failure) lives on the <c>ExecutionCompleted</c> event of the history, which is read here.
/// </summary>
internal static class FailureDetailsReader
{
    private const int ExecutionCompletedEventType = 1;

    /// <summary>The failure details in a history dump, or <c>null</c> when it has none.</summary>
    public static TaskFailureDetails? FromHistory(string historyJson)
    {
        using var document = JsonDocument.Parse(historyJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var e in document.RootElement.EnumerateArray())
        {
            if (IsExecutionCompleted(e) && Property(e, "FailureDetails") is { ValueKind: JsonValueKind.Object } details)
            {
                return Read(details);
            }
        }

        return null;
    }

    /// <summary>Splits the instance table's <c>"{ErrorType}: {ErrorMessage}"</c> output (no inner failure).</summary>
    public static TaskFailureDetails FromOutput(string? output)
    {
        var text = output ?? string.Empty;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0
            ? new TaskFailureDetails(text[..colon], text[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", text, null, null, null);
    }

    private static bool IsExecutionCompleted(JsonElement e) => Property(e, "EventType") switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt32() == ExecutionCompletedEventType,
        { ValueKind: JsonValueKind.String } s => s.GetString() == "ExecutionCompleted",
        _ => false,
    };

    private static TaskFailureDetails Read(JsonElement details) => new(
        Text(details, "ErrorType") ?? "Unknown",
        Text(details, "ErrorMessage") ?? string.Empty,
        Text(details, "StackTrace"),
        Property(details, "InnerFailure") is { ValueKind: JsonValueKind.Object } inner ? Read(inner) : null,
        null);

    private static string? Text(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static JsonElement? Property(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }
}
