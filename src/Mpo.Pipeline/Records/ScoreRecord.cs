using System.Text.Json.Serialization;

namespace Mpo.Pipeline.Records;

/// <summary>The reward model's verdict on one rollout: a line of a score shard (JSONL), in rollout order.</summary>
/// <param name="Id">The rollout's id.</param>
/// <param name="Reward">The RM's reward, or <c>null</c> when the response could not be scored.</param>
/// <param name="Score">What the policy update uses: the reward, or 0 for an unscorable response (as the paper's code does).</param>
/// <param name="Failure">Why it could not be scored, or <c>null</c>.</param>
/// <param name="Flags">Detector flags the judge raised (<c>injection</c>, <c>hard_rule</c>) plus <c>truncated</c> when the response has no EOS.</param>
/// <param name="Items">Per rubric item: id, score (null when failed), failure.</param>
public sealed record ScoreRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reward")] double? Reward,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("failure")] string? Failure,
    [property: JsonPropertyName("flags")] IReadOnlyList<string> Flags,
    [property: JsonPropertyName("items")] IReadOnlyList<ItemScoreRecord> Items);

/// <summary>One rubric item's score in a <see cref="ScoreRecord"/>.</summary>
public sealed record ItemScoreRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("failure")] string? Failure);
