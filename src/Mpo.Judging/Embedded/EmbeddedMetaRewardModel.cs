using System.Globalization;
using System.Text;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Embedded;

/// <summary>
/// The meta-reward model that needs no server: it reads a seeded sample of recent rollouts, runs the reward-hacking
/// detectors against the SFT baseline, proposes one checked item per fired detector, keeps those the baseline already
/// satisfies, and merges them into the current rubric (first-seen order, duplicates dropped).
/// </summary>
/// <remarks>
/// "No change" semantics: when no detector fires, when every proposal is rejected, or when every accepted item is
/// already in the rubric, <see cref="ReviseAsync"/> returns a <see cref="RevisionResult"/> with a <c>null</c> rubric,
/// the analysis, and a failure starting with <see cref="NoChangePrefix"/>. The caller keeps the current rubric and
/// records the result, exactly as for an LLM output that does not parse.
/// </remarks>
public sealed class EmbeddedMetaRewardModel : IMetaRewardModel
{
    /// <summary>Start of the failure text when the rubric stays as it is.</summary>
    public const string NoChangePrefix = "no change: ";

    private readonly HackingBaseline _baseline;
    private const int MaxItemMaximum = 100;

    private readonly EmbeddedMetaRewardModelOptions _options;

    /// <summary>Creates the model.</summary>
    /// <param name="baseline">Statistics of the run's SFT rollouts.</param>
    /// <param name="options">Options; defaults when <c>null</c>.</param>
    public EmbeddedMetaRewardModel(HackingBaseline baseline, EmbeddedMetaRewardModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        _baseline = baseline;
        _options = options ?? new EmbeddedMetaRewardModelOptions();
    }

    /// <inheritdoc/>
    public Task<RevisionResult> ReviseAsync(RevisionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var proposal = Propose(request);
        if (proposal.Items.Count == 0)
        {
            var why = proposal.Findings.Any(f => f.Fired)
                ? "every proposed item was rejected by the baseline screen; the rubric stays"
                : proposal.SampledIds.Count == 0 ? "no rollouts to read; the rubric stays" : "no detector fired; the rubric stays";
            return Task.FromResult(new RevisionResult(null, proposal.Analysis, NoChangePrefix + why));
        }

        var merged = RubricMerge.Merge(request.Current, new Rubric(proposal.Items));
        if (merged.Items.Count == request.Current.Items.Count)
        {
            return Task.FromResult(new RevisionResult(null, proposal.Analysis, NoChangePrefix + "the proposed items are already in the rubric"));
        }

        return Task.FromResult(new RevisionResult(merged, proposal.Analysis));
    }

    /// <summary>Samples, detects, proposes and screens, without merging.</summary>
    public MetaProposal Propose(RevisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sampled = Sample(request.Recent.Where(s => s.Score.IsScored).ToList(), _options.NumMpoSamples, request.Seed);
        var analysis = new StringBuilder();
        analysis.Append(CultureInfo.InvariantCulture,
            $"Embedded meta-reward model, step {request.Step}: read {sampled.Count} of {request.Recent.Count} rollouts (seed {request.Seed})");
        if (sampled.Count == 0)
        {
            analysis.Append(".\n");
            return new MetaProposal(analysis.ToString(), [], [], [], []);
        }

        analysis.Append(CultureInfo.InvariantCulture, $", mean reward {HackingDetectors.F(sampled.Average(s => s.Score.Reward))}.\n");
        analysis.Append(CultureInfo.InvariantCulture, $"Baseline: {_baseline.Samples.Count} SFT rollouts in {_baseline.BatchCount} batches.\n");
        var batch = sampled.Select(s => s.Sample).ToList();
        var findings = HackingDetectors.Run(_baseline, batch, _options.Detectors);
        foreach (var finding in findings)
        {
            analysis.Append("- ").Append(finding.Summary).Append('\n');
        }

        var detectors = ProposalOptions(request.Current);
        var reviews = new List<ProposalReview>();
        foreach (var finding in findings.Where(f => f.Fired))
        {
            var item = HackingProposals.For(finding, _baseline, detectors);
            if (item is null)
            {
                analysis.Append(CultureInfo.InvariantCulture, $"- no item proposed for {finding.Detector}: no threshold both the baseline passes and the batch can fail.\n");
                continue;
            }

            reviews.Add(ProposalReview.Screen(finding.Detector, item, _baseline, batch, detectors));
        }

        if (reviews.Count > 0)
        {
            analysis.Append(CultureInfo.InvariantCulture, $"Proposals (items scored 0..{detectors.ItemMaximum}):\n");
            foreach (var review in reviews)
            {
                analysis.Append("- ").Append(review.Reason).Append('\n');
            }
        }

        var items = reviews.Where(r => r.Accepted).Select(r => r.Item).ToList();
        return new MetaProposal(analysis.ToString(), items, findings, reviews, sampled.Select(s => s.Sample.SampleId).ToList());
    }

    /// <summary>The detector options for proposals against <paramref name="current"/>: with <see cref="EmbeddedMetaRewardModelOptions.MatchHeaviestItem"/>, items as heavy as its heaviest item.</summary>
    private HackingDetectorOptions ProposalOptions(Rubric current)
    {
        if (!_options.MatchHeaviestItem)
        {
            return _options.Detectors;
        }

        var heaviest = current.Items.Select(i => EmbeddedItemScorer.RangeOf(i)?.Max ?? 0).DefaultIfEmpty(0).Max();
        return _options.Detectors with { ItemMaximum = Math.Clamp(heaviest, _options.Detectors.ItemMaximum, MaxItemMaximum) };
    }

    /// <summary>A seeded draw of <paramref name="count"/> rollouts without replacement (all when fewer), in drawing order.</summary>
    public static IReadOnlyList<ScoredSample> Sample(IReadOnlyList<ScoredSample> rollouts, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var indices = Enumerable.Range(0, rollouts.Count).ToArray();
        int take = Math.Min(count, indices.Length);
        for (int i = 0; i < take; i++)
        {
            int j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(take).Select(i => rollouts[i]).ToList();
    }
}
