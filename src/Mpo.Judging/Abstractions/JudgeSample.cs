namespace Mpo.Judging.Abstractions;

/// <summary>One policy response to be judged, with the task fields the judge may use.</summary>
/// <param name="SampleId">Stable id within a scoring batch (e.g. <c>s0003-r12</c>).</param>
/// <param name="Prompt">The task input the policy answered (without chat template).</param>
/// <param name="Response">The policy's response text.</param>
/// <param name="Fields">Task fields such as <c>gold</c>, <c>solution</c>, <c>domain</c>, <c>cluster</c>; never shown to the
/// judge unless the task protocol says so.</param>
public sealed record JudgeSample(string SampleId, string Prompt, string Response, IReadOnlyDictionary<string, string>? Fields = null);
