using Mpo.Judging.Bundled;
using Mpo.Judging.Tasks;

namespace Mpo.Pipeline.Data;

/// <summary>One prompt of a run's data: its rendered text, the fields passed to the judges, and what evaluation compares with.</summary>
/// <param name="Id">Stable row id (<c>mini_qa:train:17</c>, or the loader's <c>file:line</c>).</param>
/// <param name="Prompt">The policy prompt (the task's template filled in).</param>
/// <param name="Fields">Fields passed to the judges (e.g. <c>gold</c>).</param>
/// <param name="Example">The task row (its reference is the evaluation gold), or null for <c>mini_qa</c>.</param>
/// <param name="MiniQa">The bundled task's example (the oracle judges it), or null.</param>
public sealed record PromptExample(string Id, string Prompt, IReadOnlyDictionary<string, string> Fields, TaskExample? Example, MiniQaExample? MiniQa);
