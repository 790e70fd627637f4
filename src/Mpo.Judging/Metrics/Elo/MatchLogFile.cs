using System.Text.Json;
using Mpo.Core;

namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// Reads a tournament match log in the paper's <c>*.details.json</c> shape: a JSON array of objects with
/// <c>model_a</c>, <c>model_b</c>, <c>winner</c> (and optionally <c>query</c>, <c>model_a_response</c>,
/// <c>model_b_response</c>). A <c>winner</c> that is null, missing or neither contestant marks an unparsed judgement.
/// </summary>
public static class MatchLogFile
{
    /// <summary>Reads the log at <paramref name="path"/>; malformed content throws <see cref="MpoInputException"/> naming the file.</summary>
    public static IReadOnlyList<EloMatch> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = JsonFiles.Open(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new MpoInputException($"{path}: expected a JSON array of matches, found {JsonFiles.Describe(root.ValueKind)}.");
        }

        var matches = new List<EloMatch>(root.GetArrayLength());
        int index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var where = $"{path}: match {index}";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new MpoInputException($"{where}: expected an object, found {JsonFiles.Describe(element.ValueKind)}.");
            }

            matches.Add(new EloMatch(
                JsonFiles.RequiredString(element, "model_a", where),
                JsonFiles.RequiredString(element, "model_b", where),
                JsonFiles.OptionalString(element, "winner", where),
                JsonFiles.OptionalString(element, "query", where),
                JsonFiles.OptionalString(element, "model_a_response", where),
                JsonFiles.OptionalString(element, "model_b_response", where)));
            index++;
        }

        return matches;
    }
}
