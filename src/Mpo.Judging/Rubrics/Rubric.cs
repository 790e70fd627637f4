namespace Mpo.Judging.Rubrics;

/// <summary>
/// A rubric: the ordered criteria the reward model scores a response against. Rendered as
/// <c>&lt;rubric&gt;&lt;item&gt;…&lt;/item&gt;…&lt;/rubric&gt;</c> (the paper's format).
/// </summary>
/// <param name="Items">At least one item, in order.</param>
public sealed record Rubric(IReadOnlyList<RubricItem> Items);
