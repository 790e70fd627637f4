using Mpo.TestSupport;
using Mpo.Judging.Tasks;
using Mpo.Judging.Tests.Metrics;

namespace Mpo.Judging.Tests.Tasks;

public class TaskEvaluationTests
{
    [Fact]
    public void Evaluate_MathReferenceSolutionsAsResponses_FullAccuracy()
    {
        var problems = MathProblemFile.ReadFolder(SharedData.Path("math", "problems", "test"));
        var responses = problems.Select(p => new EvaluatedResponse(p.ToExample(), p.Solution)).ToList();
        responses.Add(new EvaluatedResponse(problems[0].ToExample(), "I do not know."));

        var result = TaskEvaluation.Evaluate(TaskCatalog.MathReasoning, responses);

        Assert.Equal("math_accuracy", result.Metric);
        Assert.Equal(36, result.Count);
        Assert.Equal(35.0 / 36, result.Values["accuracy"]);
    }

    [Fact]
    public void Evaluate_Ethics_VerdictAccuracy()
    {
        static EvaluatedResponse R(string gold, string response) =>
            new(new TaskExample("x", new Dictionary<string, string>(), gold), response);

        var result = TaskEvaluation.Evaluate(TaskCatalog.EthicalReasoning,
            [R("RIGHT", "<verdict>RIGHT</verdict>"), R("WRONG", "WRONG"), R("WRONG", "RIGHT or WRONG"), R("RIGHT", "none")]);

        Assert.Equal(0.5, result.Values["accuracy"]);
    }

    [Fact]
    public void Evaluate_Summarization_MeanRougeF()
    {
        // Pair 1 is identical (all 1); pair 2 shares nothing (all 0): every mean is 0.5.
        static EvaluatedResponse R(string gold, string response) =>
            new(new TaskExample("x", new Dictionary<string, string>(), gold), response);

        var result = TaskEvaluation.Evaluate(TaskCatalog.Summarization,
            [R("the bill amends the code", "The bill amends the code."), R("alpha beta", "gamma delta")]);

        Assert.Equal(["rouge1", "rouge2", "rougeL", "rougeLsum"], result.Values.Keys);
        Assert.All(result.Values.Values, v => Assert.Equal(0.5, v));
    }

    [Fact]
    public void Evaluate_Essay_EloIsNotPerResponse()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TaskEvaluation.Evaluate(TaskCatalog.EssayWriting, []));

        Assert.Contains("Elo tournament", e.Message);
    }
}
