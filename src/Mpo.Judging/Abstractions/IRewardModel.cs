using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Abstractions;

/// <summary>The reward model ("junior instructor"): scores responses against a rubric.</summary>
public interface IRewardModel
{
    /// <summary>Scores one response. Failures are returned as an unscorable <see cref="SampleScore"/>, not thrown.</summary>
    Task<SampleScore> ScoreAsync(TaskDefinition task, Rubric rubric, JudgeSample sample, CancellationToken cancellationToken = default);
}
