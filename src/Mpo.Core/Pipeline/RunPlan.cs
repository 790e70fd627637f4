namespace Mpo.Core.Pipeline;

/// <summary>
/// The shape of a run as the orchestrations need it: derived once from the run configuration and fixed for the run.
/// Hyperparameters stay in the configuration blob, which activities read.
/// </summary>
/// <param name="Epochs">Number of epochs.</param>
/// <param name="StepsPerEpoch">Policy updates per epoch.</param>
/// <param name="RolloutShards">Shards that Rollout and Score fan out over (several workers share them).</param>
/// <param name="MpoInterval">The paper's <c>num_mpo_interval</c>: revise the rubric after every this many updates.</param>
/// <param name="EvolveRubric">Whether the meta-reward model revises the rubric (false = a fixed-rubric baseline).</param>
/// <param name="EvaluateEveryEpochs">Evaluate the checkpoint after every this many epochs; 0 = never by epoch.</param>
/// <param name="EvaluateEveryMinutes">Also evaluate the latest checkpoint on this wall-clock period (durable timers); null = off.</param>
/// <param name="Retries">Retry policy per activity name; a missing name uses <see cref="RetrySettings"/>' defaults.</param>
public sealed record RunPlan(
    int Epochs,
    int StepsPerEpoch,
    int RolloutShards,
    int MpoInterval,
    bool EvolveRubric,
    int EvaluateEveryEpochs,
    double? EvaluateEveryMinutes,
    IReadOnlyDictionary<string, RetrySettings> Retries)
{
    /// <summary>Total policy updates of the run.</summary>
    public int TotalSteps => Epochs * StepsPerEpoch;

    /// <summary>The retry policy of an activity.</summary>
    public RetrySettings RetryFor(string activity) => Retries.TryGetValue(activity, out var r) ? r : new RetrySettings();
}
