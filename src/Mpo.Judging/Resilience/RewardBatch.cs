using Mpo.Judging.Abstractions;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Resilience;

/// <summary>A batch of responses to score with one rubric version at one training step.</summary>
/// <param name="Task">The task.</param>
/// <param name="Rubric">The rubric version in force.</param>
/// <param name="Samples">The responses.</param>
/// <param name="RunSeed">The run's seed (with <paramref name="Step"/> it draws the batch's math mode).</param>
/// <param name="Step">The training step.</param>
public sealed record RewardBatchRequest(TaskDefinition Task, Rubric Rubric, IReadOnlyList<JudgeSample> Samples, long RunSeed, int Step);

/// <summary>The scores of a batch, in sample order; unscorable samples have NaN rewards and their causes.</summary>
/// <param name="Scores">One score per sample, in request order.</param>
/// <param name="Unscorable">How many have no reward.</param>
public sealed record RewardBatchResult(IReadOnlyList<SampleScore> Scores, int Unscorable);
