using Mpo.TestSupport;
using System.Text.Json;
using Mpo.Judging.Abstractions;

namespace Mpo.Judging.Tests.Detectors;

/// <summary>The shared reward-hacking fixture: title-only essays (expert rubric) and full MPO essays.</summary>
internal static class HackingFixtures
{
    private static readonly string Folder = SharedData.Path("hacking");

    /// <summary>60 title-only essays; the prompt is the essay instruction cut out of the chat-formatted query.</summary>
    public static IReadOnlyList<JudgeSample> TitleOnly() => Load("expert_rubric_generations.jsonl", "title", Instruction);

    /// <summary>60 full MPO essays; the prompt is the essay instruction.</summary>
    public static IReadOnlyList<JudgeSample> MpoEssays() => Load("mpo_generations.jsonl", "mpo", q => q);

    public static IReadOnlyList<IReadOnlyList<JudgeSample>> Batches(IReadOnlyList<JudgeSample> samples, int size) =>
        samples.Chunk(size).Select(c => (IReadOnlyList<JudgeSample>)c.ToList()).ToList();

    private static List<JudgeSample> Load(string file, string prefix, Func<string, string> prompt) =>
        File.ReadLines(Path.Combine(Folder, file)).Select((line, i) =>
        {
            using var doc = JsonDocument.Parse(line);
            var query = doc.RootElement.GetProperty("query").GetString()!;
            var response = doc.RootElement.GetProperty("model_response").GetString()!;
            return new JudgeSample($"{prefix}-{i:D2}", prompt(query), response);
        }).ToList();

    private static string Instruction(string query)
    {
        int start = query.IndexOf("Instructions:\n", StringComparison.Ordinal) + "Instructions:\n".Length;
        int end = query.IndexOf("\n\nYour Writing:", StringComparison.Ordinal);
        return query[start..end].Trim();
    }
}
