namespace Mpo.Judging.Tasks;

/// <summary>
/// A training task: how the policy is prompted, how the judges are addressed, where training starts, and how it
/// is evaluated. The four paper tasks and the bundled task are instances (see <c>TaskCatalog</c>).
/// </summary>
/// <param name="Name">Task name as in the paper's code (<c>essay_writing</c>, <c>summarization</c>,
/// <c>ethical_reasoning</c>, <c>math_reasoning</c>) or a bundled task.</param>
/// <param name="PolicyPromptTemplate">Policy prompt with <c>{field}</c> placeholders filled from a data row.</param>
/// <param name="RewardModelPersona">System line of the reward model's conversation.</param>
/// <param name="MetaRewardModelPersona">System line of the meta-reward model's conversation.</param>
/// <param name="TaskDescription">One paragraph the judges read about what the policy was asked to do.</param>
/// <param name="InitialRubric">The starting rubric in <c>&lt;rubric&gt;</c> format (the paper's one-item iter-0 rubric).</param>
/// <param name="Metric">Evaluation metric name (<c>elo</c>, <c>rouge</c>, <c>verdict_accuracy</c>, <c>math_accuracy</c>, ...).</param>
public sealed record TaskDefinition(
    string Name,
    string PolicyPromptTemplate,
    string RewardModelPersona,
    string MetaRewardModelPersona,
    string TaskDescription,
    string InitialRubric,
    string Metric)
{
    /// <summary>
    /// The JSONL row format of the task's data. When <c>null</c>, every placeholder of
    /// <see cref="PolicyPromptTemplate"/> is a required string field and rows have no reference.
    /// </summary>
    public TaskDataSchema? Data { get; init; }

    /// <summary>The policy prompt for one data row (see <see cref="PromptTemplate.Render"/>).</summary>
    public string RenderPrompt(IReadOnlyDictionary<string, string> fields) => PromptTemplate.Render(PolicyPromptTemplate, fields, Name);

    /// <summary>The data schema in force: <see cref="Data"/>, or the one derived from the template's placeholders.</summary>
    public TaskDataSchema EffectiveData =>
        Data ?? new TaskDataSchema(PromptTemplate.Placeholders(PolicyPromptTemplate).Select(p => new FieldSpec(p)).ToList());
}
