namespace Mpo.Judging.Tasks;

/// <summary>
/// Summarization (paper: <c>summarization</c>, BillSum): the policy summarises a US or California bill
/// (<c>clean_text</c>); evaluated by ROUGE-1/2/L/Lsum F-measures against <c>clean_summary</c>.
/// </summary>
internal static class SummarizationTask
{
    public static TaskDefinition Definition { get; } = new(
        Name: "summarization",
        PolicyPromptTemplate:
            "You are an experienced government official. Write a concise summary of the bill below that is faithful " +
            "to its content: state what the bill does, to whom it applies and its key provisions, and add nothing " +
            "that the bill does not say.\n\nBill:\n```\n{clean_text}\n```\n\nYour Summary:\n",
        RewardModelPersona: "You are a skilled government official who assesses summaries of legislation.",
        MetaRewardModelPersona:
            "You are a senior government official who reviews how a junior official graded bill summaries and " +
            "improves the grading rubric.",
        TaskDescription:
            "The student was given the full text of a bill and asked to write a concise and faithful summary of it.",
        InitialRubric:
            "<rubric>\n<item>\nRate how faithful the summary is to the bill (no invented or distorted content) and " +
            "how concise it is (key provisions without padding). Give an integer score from 0 (worst) to 5 (best).\n" +
            "</item>\n</rubric>\n",
        Metric: TaskMetricNames.Rouge)
    {
        Data = new TaskDataSchema([new FieldSpec("clean_text"), new FieldSpec("clean_summary")], ReferenceField: "clean_summary"),
    };
}
