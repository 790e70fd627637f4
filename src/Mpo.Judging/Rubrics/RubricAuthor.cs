namespace Mpo.Judging.Rubrics;

/// <summary>Who wrote a rubric version.</summary>
public enum RubricAuthorKind
{
    /// <summary>The task's initial rubric (the paper's iter-0 rubric).</summary>
    Initial,

    /// <summary>A rubric file given by the user (for example a fixed expert rubric).</summary>
    File,

    /// <summary>The meta-reward model, at an MPO stage.</summary>
    Mrm,
}

/// <summary>
/// The author of a rubric version: <c>initial</c>, <c>file</c> or <c>mrm(stage)</c>. The stage names which meta-reward
/// model wrote it (for example <c>embedded</c> or <c>llm</c>), so a history shows where each revision came from.
/// </summary>
/// <param name="Kind">Kind of author.</param>
/// <param name="Stage">For <see cref="RubricAuthorKind.Mrm"/>, the MRM stage; otherwise <c>null</c> (or the file name for <c>file</c>).</param>
public sealed record RubricAuthor(RubricAuthorKind Kind, string? Stage = null)
{
    /// <summary>The initial rubric.</summary>
    public static RubricAuthor Initial { get; } = new(RubricAuthorKind.Initial);

    /// <summary>A user's rubric file.</summary>
    public static RubricAuthor FromFile(string? fileName = null) => new(RubricAuthorKind.File, fileName);

    /// <summary>The meta-reward model at <paramref name="stage"/>.</summary>
    public static RubricAuthor Mrm(string stage) => new(RubricAuthorKind.Mrm, stage);

    /// <summary><c>initial</c>, <c>file</c>, <c>file(name)</c> or <c>mrm(stage)</c>.</summary>
    public override string ToString()
    {
        var kind = Kind.ToString().ToLowerInvariant();
        return string.IsNullOrEmpty(Stage) ? kind : $"{kind}({Stage})";
    }
}
