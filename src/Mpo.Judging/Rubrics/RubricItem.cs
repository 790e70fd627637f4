namespace Mpo.Judging.Rubrics;

/// <summary>One scoring criterion of a rubric: the text of an <c>&lt;item&gt;</c> block.</summary>
/// <param name="Id">Stable id: derived from the normalised text, so the same criterion keeps its id across versions.</param>
/// <param name="Text">The criterion as the reward model reads it.</param>
/// <param name="Check">
/// Optional executable check in the embedded judge's check language (docs/check-language.md); an LLM judge ignores it.
/// </param>
public sealed record RubricItem(string Id, string Text, string? Check = null);
