using Mpo.Judging.Metrics.Ethics;
using Mpo.Judging.Metrics.MathAnswers;
using Mpo.Judging.Metrics.Rouge;

namespace Mpo.Judging.Tasks;

/// <summary>A policy response to a task example, for evaluation.</summary>
/// <param name="Example">The example (its <see cref="TaskExample.Reference"/> is the gold).</param>
/// <param name="Response">The policy's response.</param>
public sealed record EvaluatedResponse(TaskExample Example, string Response);

/// <summary>An evaluation result: metric name, its values (e.g. <c>accuracy</c>, <c>rouge1</c>…) and the count.</summary>
/// <param name="Metric">The metric name (<see cref="TaskMetricNames"/>).</param>
/// <param name="Values">Named values, each in [0, 1].</param>
/// <param name="Count">Responses evaluated.</param>
public sealed record TaskMetricResult(string Metric, IReadOnlyDictionary<string, double> Values, int Count);

/// <summary>
/// Per-response evaluation of the paper's tasks: math accuracy (first boxed answer, <c>is_equiv</c>), ethics verdict
/// accuracy, and summarization ROUGE (mean F-measure of each variant over the responses). Essays are compared
/// pairwise with an Elo tournament instead (<see cref="Metrics.Elo.PairwiseTournament"/>).
/// </summary>
public static class TaskEvaluation
{
    /// <summary>Evaluates <paramref name="responses"/> with <paramref name="task"/>'s metric.</summary>
    /// <exception cref="InvalidOperationException">The task's metric is not per-response (Elo) or unknown.</exception>
    public static TaskMetricResult Evaluate(TaskDefinition task, IReadOnlyList<EvaluatedResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(responses);
        return task.Metric switch
        {
            TaskMetricNames.MathAccuracy => Accuracy(task.Metric, responses, r => MathEquivalence.IsCorrect(r.Response, Gold(r))),
            TaskMetricNames.VerdictAccuracy => Accuracy(task.Metric, responses, r => VerdictExtractor.Extract(r.Response) is { } v
                && v == VerdictExtractor.Parse(Gold(r))),
            TaskMetricNames.Rouge => Rouge(responses),
            TaskMetricNames.Elo => throw new InvalidOperationException(
                $"{task.Name} is evaluated by an Elo tournament between policies (PairwiseTournament), not per response."),
            _ => throw new InvalidOperationException($"{task.Name}: unknown metric \"{task.Metric}\"."),
        };
    }

    private static TaskMetricResult Accuracy(string metric, IReadOnlyList<EvaluatedResponse> responses, Func<EvaluatedResponse, bool> correct)
    {
        int right = responses.Count(correct);
        var accuracy = responses.Count == 0 ? 0.0 : (double)right / responses.Count;
        return new TaskMetricResult(metric, new Dictionary<string, double> { ["accuracy"] = accuracy }, responses.Count);
    }

    private static TaskMetricResult Rouge(IReadOnlyList<EvaluatedResponse> responses)
    {
        var scores = responses.Select(r => RougeScorer.Score(Gold(r), r.Response)).ToList();
        double Mean(Func<RougeScores, RougeScore> pick) => scores.Count == 0 ? 0.0 : scores.Average(s => pick(s).FMeasure);
        var values = new Dictionary<string, double>
        {
            ["rouge1"] = Mean(s => s.Rouge1),
            ["rouge2"] = Mean(s => s.Rouge2),
            ["rougeL"] = Mean(s => s.RougeL),
            ["rougeLsum"] = Mean(s => s.RougeLsum),
        };
        return new TaskMetricResult(TaskMetricNames.Rouge, values, responses.Count);
    }

    private static string Gold(EvaluatedResponse r) =>
        r.Example.Reference ?? throw new InvalidOperationException($"{r.Example.Id}: the example has no reference to evaluate against.");
}
