using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Abstractions;

/// <summary>A judged rollout as the meta-reward model sees it.</summary>
/// <param name="Sample">The prompt and response.</param>
/// <param name="Score">The reward model's verdict (raw, before EOS penalties).</param>
public sealed record ScoredSample(JudgeSample Sample, SampleScore Score);

/// <summary>What the meta-reward model revises.</summary>
/// <param name="Task">The task.</param>
/// <param name="Current">The rubric in force.</param>
/// <param name="Recent">Rollouts since the last revision, with their scores.</param>
/// <param name="Step">Training step of this revision.</param>
/// <param name="Seed">Seed for choosing which rollouts it reads (from the run seed and the step).</param>
public sealed record RevisionRequest(TaskDefinition Task, Rubric Current, IReadOnlyList<ScoredSample> Recent, int Step, long Seed);

/// <summary>The meta-reward model's answer.</summary>
/// <param name="Rubric">The new rubric, or <c>null</c> when the output did not parse into at least one item.</param>
/// <param name="Analysis">The analyses the new rubric came from (kept with the version record).</param>
/// <param name="Failure">Why no new rubric was produced, or <c>null</c>.</param>
public sealed record RevisionResult(Rubric? Rubric, string Analysis, string? Failure = null);

/// <summary>The meta-reward model ("senior instructor"): rewrites the rubric from recent rollouts.</summary>
public interface IMetaRewardModel
{
    /// <summary>Proposes the next rubric version.</summary>
    Task<RevisionResult> ReviseAsync(RevisionRequest request, CancellationToken cancellationToken = default);
}
