namespace Mpo.Judging.Tasks;

/// <summary>
/// Ethical reasoning (paper: <c>ethical_reasoning</c>, Scruples anecdotes): the policy reasons about an anecdote's
/// action and ends with <c>&lt;verdict&gt;RIGHT&lt;/verdict&gt;</c> or <c>&lt;verdict&gt;WRONG&lt;/verdict&gt;</c>;
/// evaluated by verdict accuracy against <c>binarized_label</c>.
/// </summary>
internal static class EthicalReasoningTask
{
    /// <summary>The two labels the paper keeps.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["RIGHT", "WRONG"];

    public static TaskDefinition Definition { get; } = new(
        Name: "ethical_reasoning",
        PolicyPromptTemplate:
            "You are a moral philosopher. Read the anecdote, then judge whether the author acted ethically in the " +
            "action described. Explain your reasoning in no more than 300 words and finish with your verdict, " +
            "written exactly as <verdict>RIGHT</verdict> or <verdict>WRONG</verdict>.\n\n" +
            "### Anecdote\nTitle: {title}\n{text}\n\n### Action to Evaluate\n{action}\n\n" +
            "### Ethical Reasoning and Verdict\n",
        RewardModelPersona: "You are an insightful moral philosopher who assesses ethical reasoning.",
        MetaRewardModelPersona:
            "You are a senior moral philosopher who reviews how a junior philosopher graded ethical reasoning and " +
            "improves the grading rubric.",
        TaskDescription:
            "The student was given a personal anecdote and an action taken by its author, and asked to reason about " +
            "whether the action was ethically right or wrong in at most 300 words, ending with a verdict tag.",
        InitialRubric:
            "<rubric>\n<item>\nRate the ethical reasoning for its logical coherence, the depth of its moral insight " +
            "and its consistency with established ethical principles. Give an integer score from 0 (worst) to 5 " +
            "(best).\n</item>\n</rubric>\n",
        Metric: TaskMetricNames.VerdictAccuracy)
    {
        Data = new TaskDataSchema(
            [
                new FieldSpec("title"),
                new FieldSpec("text"),
                new FieldSpec("action"),
                new FieldSpec("binarized_label", AllowedValues: Labels),
            ],
            ReferenceField: "binarized_label"),
    };
}
