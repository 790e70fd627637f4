using System.ComponentModel.DataAnnotations;
using Mpo.Judging.Detectors;

namespace Mpo.Judging.Embedded;

/// <summary>Options of the <see cref="EmbeddedMetaRewardModel"/>.</summary>
public sealed record EmbeddedMetaRewardModelOptions
{
    /// <summary>
    /// Rollouts read per revision (the paper's <c>num_mpo_samples</c>), drawn with a seeded shuffle; all of them when
    /// fewer are available (the paper's code raises instead). <value>The default is 20 (the paper's default).</value>
    /// </summary>
    [Range(1, int.MaxValue)]
    public int NumMpoSamples { get; init; } = 20;

    /// <summary>Detector thresholds and the proposal screen. <value>The defaults of <see cref="HackingDetectorOptions"/>.</value></summary>
    public HackingDetectorOptions Detectors { get; init; } = new();

    /// <summary>
    /// Give each proposed item the maximum of the current rubric's heaviest item (at least
    /// <see cref="HackingDetectorOptions.ItemMaximum"/>, at most 100) instead of a fixed 0–5. The embedded MRM only adds
    /// items; a 0–5 correction cannot outweigh an exploited item worth more (the bundled task's flawed <c>thorough</c>
    /// gives 20 points for length, so "concise" at 5 still left +15 for rambling: docs/evidence.md). The paper's LLM MRM
    /// rewrites the whole rubric and so can reweight; this is the embedded model's way of doing the same.
    /// <value>The default is true.</value>
    /// </summary>
    public bool MatchHeaviestItem { get; init; } = true;

    /// <summary>The stage name recorded in the rubric version's author (<c>mrm(embedded)</c>). <value>The default is <c>embedded</c>.</value></summary>
    public string Stage { get; init; } = "embedded";
}
