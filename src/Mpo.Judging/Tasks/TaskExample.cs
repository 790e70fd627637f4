namespace Mpo.Judging.Tasks;

/// <summary>One data row of a task.</summary>
/// <param name="Id">Where it came from, <c>file:line</c> (stable, so rollouts and evaluations can refer to it).</param>
/// <param name="Fields">The schema's fields as text (the prompt template's placeholders among them).</param>
/// <param name="Reference">The evaluation reference (gold summary, verdict label or answer), or <c>null</c>.</param>
public sealed record TaskExample(string Id, IReadOnlyDictionary<string, string> Fields, string? Reference);

/// <summary>A loaded data file.</summary>
/// <param name="Examples">The rows, in file order.</param>
/// <param name="Skipped">Rows left out by <see cref="TaskLoadOptions.SkipIneligible"/> (the paper's filtering).</param>
public sealed record TaskDataset(IReadOnlyList<TaskExample> Examples, int Skipped);

/// <summary>How a data file is loaded.</summary>
/// <param name="SkipIneligible">
/// Skip (and count) rows whose required fields are missing or null or whose values are not allowed, as the paper
/// filters Scruples, instead of rejecting the file. Lines that are not JSON objects, and fields of the wrong type,
/// are always errors. The default is <c>false</c>.
/// </param>
/// <param name="Limit">Keep at most this many rows (the paper trains on the first 10,000); <c>null</c> for all.</param>
public sealed record TaskLoadOptions(bool SkipIneligible = false, int? Limit = null);
