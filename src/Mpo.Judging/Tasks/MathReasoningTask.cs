using Mpo.Judging.Metrics.MathAnswers;

namespace Mpo.Judging.Tasks;

/// <summary>
/// Mathematical reasoning (paper: <c>math_reasoning</c>, MATH): the policy solves a problem and boxes the final
/// answer; evaluated by accuracy of the first boxed answer under Hendrycks' <c>is_equiv</c>. Rows carry the domain
/// and cluster the meta-reward model keeps separate guidelines for.
/// </summary>
internal static class MathReasoningTask
{
    public static TaskDefinition Definition { get; } = new(
        Name: "math_reasoning",
        PolicyPromptTemplate:
            "You are a mathematician. Solve the problem below with clear, step-by-step mathematical reasoning, " +
            "written in LaTeX, and put the final answer inside \\boxed{ }, for example \\boxed{\\frac{2}{3}} or " +
            "\\boxed{3 \\text{ cm}}.\n\nProblem:\n{problem}\n\n" +
            "Your solution, with the final answer inside \\boxed{ }:\n",
        RewardModelPersona: "You are a skilled mathematician who grades students' solutions.",
        MetaRewardModelPersona:
            "You are a senior mathematician who reviews how a junior grader evaluated students' solutions and " +
            "improves the grading guidelines.",
        TaskDescription:
            "The student was given a competition mathematics problem and asked to solve it with clear reasoning and " +
            "to give the final answer inside \\boxed{ }.",
        InitialRubric:
            "<rubric>\n<item>\nJudge whether the student's response is correct: sound reasoning that reaches the " +
            "right final answer.\n</item>\n</rubric>\n",
        Metric: TaskMetricNames.MathAccuracy)
    {
        Data = new TaskDataSchema(
            [
                new FieldSpec("problem"),
                new FieldSpec("solution"),
                new FieldSpec("domain", Required: false),
                new FieldSpec("domain_id", FieldKind.TextOrInteger, Required: false),
                new FieldSpec("cluster_id", FieldKind.Integer, Required: false),
                new FieldSpec("answer", Required: false),
            ],
            ReferenceField: "answer")
        {
            OneOf = [["domain", "domain_id"]],
            Complete = CompleteRow,
        },
    };

    /// <summary>The domain falls back to <c>domain_id</c>, the cluster to 0; the gold answer to the first boxed answer.</summary>
    private static string CompleteRow(Dictionary<string, string> fields)
    {
        fields.TryAdd("domain", fields.GetValueOrDefault("domain_id") ?? "");
        fields.TryAdd("cluster_id", "0");
        if (fields.TryGetValue("answer", out var gold))
        {
            return gold;
        }

        var boxed = BoxedAnswer.ExtractFirst(fields["solution"])
            ?? throw new TaskRowException("solution", "has no \\boxed{…} answer and the row has no \"answer\" field.");
        fields["answer"] = boxed.Trim();
        return fields["answer"];
    }
}
