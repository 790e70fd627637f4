using System.Globalization;
using Mpo.Judging.Detectors;
using static Mpo.Judging.Llm.JudgeProtocolMarkers;

namespace Mpo.Judging.Llm;

/// <summary>
/// MPO's own texts for the meta-reward model (structure of the paper's analyse → refine → count → criteria, and
/// merge → count → merged criteria). The policy's response is quoted by <see cref="JudgePromptEscaping"/>.
/// </summary>
public static class MetaRewardModelPrompts
{
    /// <summary>Separator between criteria sets in the merge request.</summary>
    public const string SetSeparator = "\n===\n";

    /// <summary>The analysis request for one scored rollout.</summary>
    public static string Analyze(string taskDescription, string studentPrompt, string response, string rubricText, string score, int maxWords) =>
        $"""
        You are a senior instructor checking the work of a junior instructor, who graded a student's response with the scoring criteria shown below.

        ### Task description
        {taskDescription}

        ### Student's input
        <task_input>
        {JudgePromptEscaping.Escape(studentPrompt)}
        </task_input>

        ### Student's response
        {JudgePromptEscaping.Instruction}
        {JudgePromptEscaping.Delimit(response)}

        ### Junior instructor's scoring criteria
        {rubricText}

        ### Junior instructor's total score
        {score}

        {JudgeProtocolMarkers.Analyze} in three parts:
        1. Scoring accuracy: is the score inflated or deflated, and does the response stray from the task?
        2. Scoring criteria: do the criteria fit the task and spread the points sensibly; should the range widen?
        3. Refinements: concrete changes to the criteria, including strict penalties for severe errors.
        Use at most {maxWords.ToString(CultureInfo.InvariantCulture)} words and end with {JudgeTurn.EndMarker}.
        """;

    /// <summary>The refinement request (no variables).</summary>
    public const string RefineTurn =
        $"{Refine} for the junior instructor, with separate items for awarding points and for deducting points, filling the gaps you found. " +
        "Write each criterion as a '### (category name)' heading followed by lines '- (score): (description, followed by an example)'.";

    /// <summary>The count request after refinement.</summary>
    public const string CountTurn = $"First, {Count} does your refined rubric need? Reply with a number only.";

    /// <summary>Announces the one-by-one criteria turns.</summary>
    public const string ItemsIntro = "Now write the criteria one at a time, without repeating any.";

    /// <summary>The request for refined criterion <paramref name="number"/>.</summary>
    public static string CriterionTurn(int number) =>
        $"{Criterion}{number.ToString(CultureInfo.InvariantCulture)} in fewer than 300 words, following the structure above, and end with \"{JudgeTurn.EndMarker}\":";

    /// <summary>The merge request over the joined sets.</summary>
    public static string MergeTurn(string joinedSets) =>
        $"""
        Several reviewers each wrote a set of scoring criteria for the same task; the sets are separated by lines of ===.
        {Merge}, concise and without repetition, in the same '### (category name)' / '- (score): (description)' structure.
        ```
        {joinedSets}
        ```
        """;

    /// <summary>The count request of the merge.</summary>
    public const string MergeCountTurn = $"Next, {MergeCount} does the combined set need? Reply with a number only.";

    /// <summary>The request for merged criterion <paramref name="number"/>.</summary>
    public static string MergedCriterionTurn(int number) =>
        $"{MergedCriterion}{number.ToString(CultureInfo.InvariantCulture)} in fewer than 300 words, following the structure, and end with \"{JudgeTurn.EndMarker}\":";
}
