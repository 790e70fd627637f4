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

    /// <summary>The stage name recorded in the rubric version's author (<c>mrm(embedded)</c>). <value>The default is <c>embedded</c>.</value></summary>
    public string Stage { get; init; } = "embedded";
}
