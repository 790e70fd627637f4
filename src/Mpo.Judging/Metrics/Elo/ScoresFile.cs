using System.Text;
using System.Text.Json;
using Mpo.Core;

namespace Mpo.Judging.Metrics.Elo;

/// <summary>
/// Reads and writes a run's final ratings in the paper's <c>*.scores.json</c> shape: one JSON object, model name to
/// rating, in model order. Ratings are written in the shortest form that round-trips the double exactly.
/// </summary>
public static class ScoresFile
{
    /// <summary>Reads the ratings at <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = JsonFiles.Open(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MpoInputException($"{path}: expected a JSON object of model name to rating, found {JsonFiles.Describe(root.ValueKind)}.");
        }

        var ratings = new List<KeyValuePair<string, double>>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var rating))
            {
                throw new MpoInputException($"{path}: field \"{property.Name}\": expected a number (the model's rating), found {JsonFiles.Describe(property.Value.ValueKind)}.");
            }

            ratings.Add(KeyValuePair.Create(property.Name, rating));
        }

        if (ratings.Count == 0)
        {
            throw new MpoInputException($"{path}: the object has no ratings.");
        }

        return ratings;
    }

    /// <summary>Renders ratings as one compact JSON object (model → rating), keys in the given order.</summary>
    public static string ToJson(IEnumerable<KeyValuePair<string, double>> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteObject(writer, ratings);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes ratings as a JSON object (model → rating) with <paramref name="writer"/>.</summary>
    public static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, double>> ratings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ratings);
        writer.WriteStartObject();
        foreach (var (model, rating) in ratings)
        {
            writer.WriteNumber(model, rating);
        }

        writer.WriteEndObject();
    }
}
