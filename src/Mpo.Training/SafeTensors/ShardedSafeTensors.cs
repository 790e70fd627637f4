using System.Text.Json;
using Mpo.Core;

namespace Mpo.Training.SafeTensors;

/// <summary>
/// Finds the weight files of a model folder: <c>model.safetensors</c>, or the shards listed in
/// <c>model.safetensors.index.json</c>'s <c>weight_map</c>.
/// </summary>
public static class ShardedSafeTensors
{
    /// <summary>The single-file name.</summary>
    public const string SingleFile = "model.safetensors";

    /// <summary>The shard index name.</summary>
    public const string IndexFile = "model.safetensors.index.json";

    /// <summary>The weight files of <paramref name="modelDirectory"/>, in a stable order.</summary>
    public static IReadOnlyList<string> Files(string modelDirectory)
    {
        var single = Path.Combine(modelDirectory, SingleFile);
        if (File.Exists(single))
        {
            return [single];
        }

        var index = Path.Combine(modelDirectory, IndexFile);
        if (!File.Exists(index))
        {
            throw new MpoInputException($"{modelDirectory}: no {SingleFile} and no {IndexFile}.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(index));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new MpoInputException($"{index}: field 'weight_map' is missing or not an object.");
            }

            var shards = map.EnumerateObject().Select(p => p.Value.GetString()).Distinct().Order(StringComparer.Ordinal).ToList();
            var paths = new List<string>();
            foreach (var shard in shards)
            {
                var path = Path.Combine(modelDirectory, shard ?? "");
                if (string.IsNullOrEmpty(shard) || !File.Exists(path))
                {
                    throw new MpoInputException($"{index}: field 'weight_map' names shard '{shard}', which is not in the folder.");
                }

                paths.Add(path);
            }

            return paths;
        }
        catch (JsonException e)
        {
            throw new MpoInputException($"{index}: not valid JSON ({e.Message}).", e);
        }
    }
}
