namespace Mpo.Judging.Bundled;

/// <summary>The three kinds of question in the bundled task.</summary>
public enum MiniQaKind
{
    /// <summary><c>add 7 and 12 .</c> → <c>the answer is 19 .</c></summary>
    Add,

    /// <summary><c>describe the red ball .</c> → <c>it is a red ball .</c></summary>
    Describe,

    /// <summary><c>which is bigger , 7 or 12 ?</c> → <c>12 is bigger than 7 .</c></summary>
    Compare,
}

/// <summary>One prompt of the bundled task with everything needed to judge an answer to it.</summary>
/// <param name="Kind">The kind of question.</param>
/// <param name="Prompt">The prompt text the policy sees.</param>
/// <param name="Numbers">The numbers in the prompt (Add, Compare), in prompt order.</param>
/// <param name="Colour">The colour asked about (Describe).</param>
/// <param name="Thing">The object asked about (Describe).</param>
/// <param name="Gold">The answer's key content: the sum, the bigger number, or "colour object".</param>
/// <param name="ValidResponses">Every well-formed correct response.</param>
public sealed record MiniQaExample(
    MiniQaKind Kind,
    string Prompt,
    IReadOnlyList<int> Numbers,
    string? Colour,
    string? Thing,
    string Gold,
    IReadOnlyList<string> ValidResponses);
