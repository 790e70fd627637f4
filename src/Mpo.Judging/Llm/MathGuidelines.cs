using System.Globalization;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Llm;

/// <summary>
/// The math task's per-(domain, cluster) meta-level guidelines, carried in one <see cref="Rubric"/> so they are
/// versioned like any rubric: one item per cluster with id <c>math-d{domain}-c{cluster}</c>. A cluster without its own
/// item reads the first item that is not cluster-specific (the initial guideline), as every paper cluster started
/// from <c>init_rm_prompt</c>.
/// </summary>
public static class MathGuidelines
{
    /// <summary>Sample field with the MATH domain id (0–6).</summary>
    public const string DomainField = "domain";

    /// <summary>Sample field with the cluster id (1–3).</summary>
    public const string ClusterField = "cluster";

    /// <summary>Sample field with the reference solution.</summary>
    public const string SolutionField = "solution";

    /// <summary>Sample field with the gold answer (else taken from the solution's first box).</summary>
    public const string GoldField = Embedded.SampleFields.Gold;

    private const string Prefix = "math-d";

    /// <summary>The item id of a cluster's guidelines.</summary>
    public static string ItemId(string domain, string cluster) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{domain}-c{cluster}");

    /// <summary>The (domain, cluster) of a sample, from its fields (<c>?</c> when absent).</summary>
    public static (string Domain, string Cluster) KeyOf(JudgeSample sample) =>
        (Field(sample, DomainField) ?? "?", Field(sample, ClusterField) ?? "?");

    /// <summary>The guideline text for a sample's cluster.</summary>
    public static string For(Rubric guidelines, JudgeSample sample)
    {
        ArgumentNullException.ThrowIfNull(guidelines);
        var (domain, cluster) = KeyOf(sample);
        var id = ItemId(domain, cluster);
        var item = guidelines.Items.FirstOrDefault(i => i.Id == id)
                   ?? guidelines.Items.FirstOrDefault(i => !i.Id.StartsWith(Prefix, StringComparison.Ordinal))
                   ?? guidelines.Items[0];
        return item.Text;
    }

    /// <summary>A task field, or <c>null</c>.</summary>
    public static string? Field(JudgeSample sample, string name) =>
        sample.Fields is { } f && f.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
