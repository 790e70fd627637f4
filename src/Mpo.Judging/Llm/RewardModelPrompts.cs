using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Tasks;
using static Mpo.Judging.Llm.JudgeProtocolMarkers;

namespace Mpo.Judging.Llm;

/// <summary>
/// MPO's own texts for the reward model's per-item conversation (structure of the paper's <c>rm_score</c>:
/// persona → task and inputs → per item: rationale request, score request). The response is always quoted by
/// <see cref="JudgePromptEscaping"/>.
/// </summary>
public static class RewardModelPrompts
{
    /// <summary>The first user turn: what to do, the task, the policy's input and the quoted response.</summary>
    public static string Header(TaskDefinition task, JudgeSample sample) =>
        $"""
        {RewardHeader} For each item, first write a one-sentence rationale ending with {JudgeTurn.EndMarker}; then, when asked, give a single integer score.

        ## Task the writer was given
        {task.TaskDescription}

        ## Input the writer received
        <task_input>
        {JudgePromptEscaping.Escape(sample.Prompt)}
        </task_input>

        ## Response to grade
        {JudgePromptEscaping.Instruction}
        {JudgePromptEscaping.Delimit(sample.Response)}
        """;

    /// <summary>The rationale request for item <paramref name="number"/> (1-based).</summary>
    public static string ItemRequest(int number, string itemText) =>
        $"""

        {RubricItem}{number}
        {itemText}

        Assess the response against this rubric item in one clear, concise sentence, and end the sentence with "{JudgeTurn.EndMarker}":

        """;

    /// <summary>The score request after an item's rationale.</summary>
    public const string ScoreTurn =
        $"Now, from your assessment and this item's scoring criteria, {ScoreRequest} and nothing else.";
}
