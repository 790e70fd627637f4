namespace Mpo.Judging.Bundled;

/// <summary>
/// Every prompt of the bundled task, split once into training and held-out test prompts by a fixed seed, and the
/// supervised corpus the tiny policy is pretrained on. Deterministic: the same seed gives the same data everywhere.
/// </summary>
public static class MiniQaData
{
    /// <summary>The fixed seed of the split; changing it changes which prompts are held out.</summary>
    public const int SplitSeed = 20250421;

    /// <summary>Share of prompts held out for evaluation.</summary>
    public const double TestShare = 0.1;

    private static readonly Lazy<(IReadOnlyList<MiniQaExample> Train, IReadOnlyList<MiniQaExample> Test)> Split = new(MakeSplit);

    /// <summary>Training prompts (shuffled once by <see cref="SplitSeed"/>).</summary>
    public static IReadOnlyList<MiniQaExample> Train => Split.Value.Train;

    /// <summary>Held-out prompts that training never sees; the oracle is measured on these.</summary>
    public static IReadOnlyList<MiniQaExample> Test => Split.Value.Test;

    /// <summary>Every prompt of the task, in a fixed enumeration order.</summary>
    public static IEnumerable<MiniQaExample> All()
    {
        for (int a = 0; a <= MiniQaTask.MaxAddend; a++)
        {
            for (int b = 0; b <= MiniQaTask.MaxAddend; b++)
            {
                foreach (var template in MiniQaTask.AddPrompts)
                {
                    yield return Add(template, a, b);
                }
            }
        }

        foreach (var colour in MiniQaTask.Colours)
        {
            foreach (var thing in MiniQaTask.Things)
            {
                foreach (var template in MiniQaTask.DescribePrompts)
                {
                    yield return Describe(template, colour, thing);
                }
            }
        }

        for (int a = 0; a <= MiniQaTask.MaxCompared; a++)
        {
            for (int b = 0; b <= MiniQaTask.MaxCompared; b++)
            {
                if (a != b)
                {
                    foreach (var template in MiniQaTask.ComparePrompts)
                    {
                        yield return Compare(template, a, b);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The supervised corpus: <paramref name="size"/> (prompt, response) pairs drawn from the training prompts with
    /// uniformly chosen answer templates.
    /// </summary>
    public static IReadOnlyList<(string Prompt, string Response)> Corpus(int size, int seed)
    {
        var rng = new Random(seed);
        var train = Train;
        var pairs = new List<(string, string)>(size);
        for (int i = 0; i < size; i++)
        {
            var example = train[rng.Next(train.Count)];
            pairs.Add((example.Prompt, example.ValidResponses[rng.Next(example.ValidResponses.Count)]));
        }

        return pairs;
    }

    private static (IReadOnlyList<MiniQaExample>, IReadOnlyList<MiniQaExample>) MakeSplit()
    {
        var all = All().ToArray();
        new Random(SplitSeed).Shuffle(all);
        int test = (int)Math.Round(all.Length * TestShare);
        return (all[test..], all[..test]);
    }

    private static MiniQaExample Add(string template, int a, int b)
    {
        var prompt = template.Replace("{a}", $"{a}").Replace("{b}", $"{b}");
        var answers = MiniQaTask.AddAnswers.Select(t => t.Replace("{a}", $"{a}").Replace("{b}", $"{b}").Replace("{s}", $"{a + b}")).ToArray();
        return new MiniQaExample(MiniQaKind.Add, prompt, [a, b], null, null, $"{a + b}", answers);
    }

    private static MiniQaExample Describe(string template, string colour, string thing)
    {
        var prompt = template.Replace("{c}", colour).Replace("{o}", thing);
        var answers = MiniQaTask.DescribeAnswers.Select(t => t.Replace("{c}", colour).Replace("{o}", thing)).ToArray();
        return new MiniQaExample(MiniQaKind.Describe, prompt, [], colour, thing, $"{colour} {thing}", answers);
    }

    private static MiniQaExample Compare(string template, int a, int b)
    {
        var prompt = template.Replace("{a}", $"{a}").Replace("{b}", $"{b}");
        int max = Math.Max(a, b), min = Math.Min(a, b);
        var answers = MiniQaTask.CompareAnswers.Select(t => t.Replace("{max}", $"{max}").Replace("{min}", $"{min}")).ToArray();
        return new MiniQaExample(MiniQaKind.Compare, prompt, [a, b], null, null, $"{max}", answers);
    }
}
