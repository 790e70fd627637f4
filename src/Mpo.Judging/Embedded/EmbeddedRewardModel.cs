using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded.Checks;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Embedded;

/// <summary>
/// The reward model that needs no server: it scores a response by running each rubric item's check
/// (docs/embedded-judge.md). Reward = sum of item scores (optionally divided by the rubric's maximum), after the task's
/// hard rules, with the prompt-injection penalty applied last. Math uses the paper's answer-check mode (5/0).
/// </summary>
public sealed class EmbeddedRewardModel : IRewardModel
{
    /// <summary>Flag written when a task hard rule decided the reward.</summary>
    public const string HardRuleFlag = TaskHardRules.Flag;

    private readonly EmbeddedRewardModelOptions _options;
    private readonly InjectionStatistics? _injections;

    /// <summary>Creates the model.</summary>
    /// <param name="options">Options; defaults when <c>null</c>.</param>
    /// <param name="injections">Counters to record injection verdicts in, or <c>null</c>.</param>
    public EmbeddedRewardModel(EmbeddedRewardModelOptions? options = null, InjectionStatistics? injections = null)
    {
        _options = options ?? new EmbeddedRewardModelOptions();
        _injections = injections;
    }

    /// <inheritdoc/>
    public Task<SampleScore> ScoreAsync(TaskDefinition task, Rubric rubric, JudgeSample sample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(sample);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Score(task.Name, rubric, sample));
    }

    /// <summary>Scores synchronously (the checks do no I/O).</summary>
    public SampleScore Score(string taskName, Rubric rubric, JudgeSample sample)
    {
        ArgumentNullException.ThrowIfNull(taskName);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(sample);
        var verdict = InjectionScreen.Inspect(sample.Response, _injections);
        bool isMath = taskName == TaskHardRules.MathTask;
        var scale = isMath
            ? new RubricScale(0, TaskHardRules.MathCorrectScore, [])
            : RubricScale.Of(rubric, _options.UncheckedItems == UncheckedItemPolicy.Skip);
        double divisor = _options.NormalizeByMaximum && scale.Maximum > 0 ? scale.Maximum : 1;

        var rule = _options.ApplyHardRules ? TaskHardRules.Apply(taskName, sample) : null;
        if (rule is not null)
        {
            var ruleItem = new ItemScore($"{HardRuleFlag}:{rule.Rule}", rule.Reward, rule.Explanation);
            return Finish(new SampleScore(sample.SampleId, rule.Reward / divisor, [ruleItem], null, [HardRuleFlag]), scale.Minimum / divisor, verdict);
        }

        var items = new List<ItemScore>();
        if (isMath)
        {
            try
            {
                items.Add(TaskHardRules.MathAnswerCheck(sample));
            }
            catch (CheckEvaluationException e)
            {
                return Finish(new SampleScore(sample.SampleId, double.NaN, [new ItemScore("answer_check", null, null, e.Message)], e.Message), 0, verdict);
            }
        }
        else
        {
            items.AddRange(rubric.Items.Select(item => EmbeddedItemScorer.Score(item, sample, _options.UncheckedItems)));
        }

        var failures = items.Where(i => i.Failure is not null).Select(i => i.Failure!).ToList();
        if (failures.Count > 0)
        {
            return Finish(new SampleScore(sample.SampleId, double.NaN, items, string.Join("; ", failures)), 0, verdict);
        }

        double sum = items.Sum(i => i.Score ?? 0);
        return Finish(new SampleScore(sample.SampleId, sum / divisor, items, null, []), scale.Minimum / divisor, verdict);
    }

    private SampleScore Finish(SampleScore score, double minimum, InjectionVerdict verdict) =>
        InjectionScreen.Penalise(score, verdict, _options.InjectionPenalty, minimum);
}
