using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Records;

/// <summary>One sampled response: a line of a rollout shard (JSONL). Everything the policy update and the judges need, and nothing else.</summary>
/// <param name="Id">Stable id <c>s{step}-p{prompt}-g{sample}</c> (prompt = index of the prompt within the step).</param>
/// <param name="ExampleId">Which data row the prompt came from.</param>
/// <param name="Prompt">The prompt text (before any chat template).</param>
/// <param name="Fields">The data row's fields passed through to the judges (e.g. <c>gold</c>).</param>
/// <param name="Response">The response text, special tokens left out.</param>
/// <param name="PromptIds">The ids the policy read.</param>
/// <param name="ResponseIds">The sampled ids, the stop token included.</param>
/// <param name="Logprobs">Log-probability of each sampled id at sampling time (logits / temperature).</param>
/// <param name="Eos">Whether the policy emitted its stop token within <c>response_length</c>.</param>
public sealed record RolloutRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("example_id")] string ExampleId,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, string> Fields,
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("prompt_ids")] IReadOnlyList<int> PromptIds,
    [property: JsonPropertyName("response_ids")] IReadOnlyList<int> ResponseIds,
    [property: JsonPropertyName("logprobs")] IReadOnlyList<float> Logprobs,
    [property: JsonPropertyName("eos")] bool Eos);
