using Mpo.Judging.Detectors;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Embedded;

/// <summary>
/// What the embedded meta-reward model concluded from one batch, before merging: its analysis text and the items it
/// proposes (accepted by the screen). A judge test server playing the LLM meta-reward model answers the analysis turn
/// with <see cref="Analysis"/> and the criteria turns with <see cref="Items"/>.
/// </summary>
/// <param name="Analysis">The analysis text (detector lines, then the proposal reviews).</param>
/// <param name="Items">Accepted proposed items, in detector order.</param>
/// <param name="Findings">Every detector's finding.</param>
/// <param name="Reviews">Every proposal's review, accepted or not.</param>
/// <param name="SampledIds">Ids of the rollouts read, in drawing order.</param>
public sealed record MetaProposal(
    string Analysis,
    IReadOnlyList<RubricItem> Items,
    IReadOnlyList<DetectorFinding> Findings,
    IReadOnlyList<ProposalReview> Reviews,
    IReadOnlyList<string> SampledIds);
