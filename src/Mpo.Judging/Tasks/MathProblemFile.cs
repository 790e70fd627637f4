using System.Text.Json;
using Mpo.Core;
using Mpo.Judging.Metrics;
using Mpo.Judging.Metrics.MathAnswers;

namespace Mpo.Judging.Tasks;

/// <summary>One MATH problem file (<c>&lt;split&gt;/&lt;domain&gt;/&lt;N&gt;.json</c>).</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Domain">The folder name, e.g. <c>counting_and_probability</c>.</param>
/// <param name="Problem">The statement (LaTeX).</param>
/// <param name="Level">e.g. <c>Level 3</c> (two corpus files say <c>Level ?</c>).</param>
/// <param name="Type">Readable domain, e.g. <c>Counting &amp; Probability</c>.</param>
/// <param name="Solution">The worked solution with the answer in <c>\boxed{…}</c>.</param>
public sealed record MathProblem(string Path, string Domain, string Problem, string Level, string Type, string Solution)
{
    /// <summary>The gold answer as the paper made it: the first boxed answer of the solution, trimmed (<c>null</c> if none).</summary>
    public string? GoldAnswer => BoxedAnswer.ExtractFirst(Solution)?.Trim();

    /// <summary>The row as the math task's loader would produce it (cluster 0, since the files carry none).</summary>
    public TaskExample ToExample() => new(
        Path,
        new Dictionary<string, string>
        {
            ["problem"] = Problem, ["solution"] = Solution, ["domain"] = Domain, ["cluster_id"] = "0",
            ["answer"] = GoldAnswer ?? "",
        },
        GoldAnswer);
}

/// <summary>Reads the MATH dataset's per-problem JSON files (fields <c>problem</c>, <c>level</c>, <c>type</c>, <c>solution</c>).</summary>
public static class MathProblemFile
{
    /// <summary>Reads one problem file; a missing field or wrong type names the file and the field.</summary>
    public static MathProblem Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = JsonFiles.Open(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MpoInputException($"{path}: expected a JSON object, found {JsonFiles.Describe(root.ValueKind)}.");
        }

        var domain = new DirectoryInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!).Name;
        return new MathProblem(
            path,
            domain,
            JsonFiles.RequiredString(root, "problem", path),
            JsonFiles.RequiredString(root, "level", path),
            JsonFiles.RequiredString(root, "type", path),
            JsonFiles.RequiredString(root, "solution", path));
    }

    /// <summary>Reads every <c>*.json</c> under <paramref name="folder"/> (e.g. <c>problems/test</c>), in ordinal path order.</summary>
    public static IReadOnlyList<MathProblem> ReadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new MpoInputException($"{folder}: no such folder of MATH problem files.");
        }

        return Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();
    }
}
