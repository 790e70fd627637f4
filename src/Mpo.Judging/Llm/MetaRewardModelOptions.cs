using System.ComponentModel.DataAnnotations;

namespace Mpo.Judging.Llm;

/// <summary>Options of <see cref="LlmMetaRewardModel"/> (the endpoint is configured by <see cref="JudgeEndpointOptions"/>).</summary>
public sealed record MetaRewardModelOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "MetaRewardModel";

    /// <summary>Rollouts analysed per revision (essay, summarization, ethics); fewer when fewer were scored.</summary>
    /// <value>The default is 20 (<c>num_mpo_samples</c>; the paper's launch script used 16).</value>
    [Range(1, 10_000)]
    public int NumMpoSamples { get; init; } = 20;

    /// <summary>Cap on the criteria count the MRM may ask for, per analysis and for the merge (the paper had none).</summary>
    /// <value>The default is 12.</value>
    [Range(1, 200)]
    public int MaxItems { get; init; } = 12;

    /// <summary>Word limit stated in the analysis and refinement requests.</summary>
    /// <value>The default is 1000 (the paper's <c>max_words</c>).</value>
    [Range(50, 100_000)]
    public int MaxWords { get; init; } = 1000;

    /// <summary>Context guard: criteria turns stop once words × 1.5 of the conversation reach this many tokens.</summary>
    /// <value>The default is 31,300 (the paper's guard for a 32K context).</value>
    [Range(1000, 10_000_000)]
    public int ContextTokenLimit { get; init; } = 31_300;

    /// <summary>Merge input: criteria sets are joined while the total stays within this many words; the rest are dropped.</summary>
    /// <value>The default is 16,666 (the paper's 25,000 / 1.5).</value>
    [Range(100, 10_000_000)]
    public int MergeWordLimit { get; init; } = 16_666;

    /// <summary>Math: cases drawn from each third of a cluster's rollouts sorted by score.</summary>
    /// <value>The default is 2 (up to 6 cases per cluster, as the paper).</value>
    [Range(1, 1000)]
    public int MathCasesPerThird { get; init; } = 2;
}
