namespace Mpo.Reports.Hacking;

/// <summary>One policy update of a run, from its metrics line.</summary>
/// <param name="Step">The step the update produced (1 for the first update).</param>
/// <param name="RubricVersion">The rubric version the rollouts were scored with.</param>
/// <param name="RewardMean">Mean RM reward of the step's rollouts (the rubric's scale).</param>
/// <param name="RewardMaximum">That rubric version's maximum reward (sum of its items' maxima).</param>
/// <param name="ResponseLength">Mean response length in tokens.</param>
/// <param name="EosShare">Share of rollouts that ended with EOS (the rest were cut at the length limit).</param>
/// <param name="Detectors">Counts of the step's detector flags (<c>truncated</c>, <c>injection</c>, <c>hard_rule</c>).</param>
public sealed record TrainingPoint(
    int Step, int RubricVersion, double RewardMean, double RewardMaximum, double ResponseLength, double EosShare, IReadOnlyDictionary<string, int> Detectors)
{
    /// <summary>The reward divided by the rubric's maximum, in [0, 1] for rubrics without negative items: comparable across arms and revisions.</summary>
    public double RewardNormalized => RewardMaximum > 0 ? RewardMean / RewardMaximum : double.NaN;
}

/// <summary>One held-out oracle evaluation of a run's checkpoint (greedy answers to the test prompts).</summary>
/// <param name="Step">The checkpoint's step (0 = the start policy).</param>
/// <param name="Score">The oracle score (half content, half form).</param>
/// <param name="Content">Share with the right content.</param>
/// <param name="Form">Share that is exactly a valid answer and stopped by itself.</param>
/// <param name="MeanWords">Mean words of the greedy answers.</param>
public sealed record OraclePoint(int Step, double Score, double Content, double Form, double MeanWords);

/// <summary>A rubric version of a run.</summary>
/// <param name="Version">Its number (0 = the rubric the run started with).</param>
/// <param name="Step">The step it took effect.</param>
/// <param name="ItemIds">Its items' ids.</param>
public sealed record RubricPoint(int Version, int Step, IReadOnlyList<string> ItemIds);

/// <summary>One run of the experiment: an arm at one seed, with its measured series.</summary>
/// <param name="Arm">The arm (<see cref="HackingArms"/>).</param>
/// <param name="Seed">The run seed.</param>
/// <param name="RunId">The durable run's id (its artifacts stay in storage).</param>
/// <param name="State">The run's final state (<c>Completed</c> when it finished).</param>
/// <param name="Training">Per update, ascending by step.</param>
/// <param name="Oracle">Per evaluation, ascending by step.</param>
/// <param name="Rubrics">Every rubric version, ascending.</param>
public sealed record ArmRun(
    string Arm, int Seed, string RunId, string State, IReadOnlyList<TrainingPoint> Training, IReadOnlyList<OraclePoint> Oracle, IReadOnlyList<RubricPoint> Rubrics);
