namespace Mpo.Judging.Tasks;

/// <summary>
/// Essay writing (paper: <c>essay_writing</c>, writing prompts): the policy writes an essay or story of at most 350
/// words for a prompt; evaluated by an Elo tournament under a pairwise judge. The "Instructions:" and "Your Writing:"
/// markers are kept because the reward model shows the judge the text around them separately.
/// </summary>
internal static class EssayWritingTask
{
    public static TaskDefinition Definition { get; } = new(
        Name: "essay_writing",
        PolicyPromptTemplate:
            "You are a skilled English writer. Write an essay or a story that follows the instructions below. " +
            "Keep it focused, well organised and no longer than 350 words.\n\n" +
            "Instructions:\n{prompt}\n\nYour Writing:\n",
        RewardModelPersona: "You are an experienced English instructor who grades students' essays and stories.",
        MetaRewardModelPersona:
            "You are a senior English instructor who reviews how a junior instructor graded students' writing and " +
            "improves the grading rubric.",
        TaskDescription:
            "The student was given a writing prompt and asked to write an essay or a story of at most 350 words that " +
            "responds to it.",
        InitialRubric:
            "<rubric>\n<item>\nRate the discourse of the writing: how clearly and coherently its ideas are developed " +
            "and connected from beginning to end. Give an integer score from 0 (worst) to 5 (best).\n</item>\n</rubric>\n",
        Metric: TaskMetricNames.Elo)
    {
        Data = new TaskDataSchema([new FieldSpec("prompt")]),
    };
}
