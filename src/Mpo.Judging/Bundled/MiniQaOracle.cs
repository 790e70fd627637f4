namespace Mpo.Judging.Bundled;

/// <summary>The oracle's verdict on one answer.</summary>
/// <param name="Content">1 when the answer's content is right (the sum last, the right colour and object and no
/// other, the bigger number first), else 0.</param>
/// <param name="WellFormed">1 when the answer is exactly one of the valid answers and ended with EOS, else 0.</param>
public sealed record MiniQaVerdict(double Content, double WellFormed)
{
    /// <summary>The oracle score in [0, 1]: half content, half form.</summary>
    public double Score => (0.5 * Content) + (0.5 * WellFormed);
}

/// <summary>
/// The bundled task's oracle: task-specific correctness and form, which training never sees (it plays the role of the
/// paper's GPT-4o Elo judge). It knows the true answer; the reward model's rubric does not have to.
/// </summary>
public static class MiniQaOracle
{
    /// <summary>Judges <paramref name="response"/> to <paramref name="example"/>.</summary>
    /// <param name="example">The prompt and its answers.</param>
    /// <param name="response">The policy's response text (after truncation at EOS).</param>
    /// <param name="endedWithEos">Whether the policy stopped by itself (emitted EOS) within the length limit.</param>
    public static MiniQaVerdict Judge(MiniQaExample example, string response, bool endedWithEos)
    {
        ArgumentNullException.ThrowIfNull(example);
        var words = Words(response);
        double content = example.Kind switch
        {
            MiniQaKind.Add => Numbers(words) is { Count: > 0 } n && n[^1] == example.Numbers[0] + example.Numbers[1] ? 1 : 0,
            MiniQaKind.Describe => DescribesOnly(words, example.Colour!, example.Thing!) ? 1 : 0,
            MiniQaKind.Compare => ComparesRight(Numbers(words), example.Numbers[0], example.Numbers[1]) ? 1 : 0,
            _ => 0,
        };
        var normalized = string.Join(' ', words);
        double form = endedWithEos && example.ValidResponses.Contains(normalized) ? 1 : 0;
        return new MiniQaVerdict(content, form);
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static List<int> Numbers(string[] words) =>
        words.Select(w => int.TryParse(w, out var n) ? (int?)n : null).Where(n => n is not null).Select(n => n!.Value).ToList();

    private static bool DescribesOnly(string[] words, string colour, string thing) =>
        words.Contains(colour) && words.Contains(thing)
        && !words.Any(w => (MiniQaTask.Colours.Contains(w) && w != colour) || (MiniQaTask.Things.Contains(w) && w != thing));

    private static bool ComparesRight(List<int> numbers, int a, int b) =>
        numbers.Count > 0 && numbers[0] == Math.Max(a, b) && (numbers.Count < 2 || numbers[1] == Math.Min(a, b));
}
