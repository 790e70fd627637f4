using Mpo.Pipeline.Records;
using Mpo.Training.Rl;
using static TorchSharp.torch;

namespace Mpo.Pipeline.Services;

/// <summary>Turns stored rollouts and scores into the trainer's <see cref="RolloutBatch"/> tensors.</summary>
public static class RolloutBatchBuilder
{
    /// <summary>
    /// Builds the batch: queries (B, P) left-padded with the pad id, responses (B, T) right-padded with the pad id,
    /// log-probs (B, T) with 0 at padding, scores (B). Rows keep the rollouts' order (group by group for GRPO/RLOO).
    /// </summary>
    public static RolloutBatch Build(IReadOnlyList<RolloutRecord> rollouts, IReadOnlyList<ScoreRecord> scores, long padId, Device device)
    {
        if (rollouts.Count != scores.Count || rollouts.Zip(scores).Any(p => p.First.Id != p.Second.Id))
        {
            throw new InvalidDataException("scores do not match the rollouts one to one, in order.");
        }

        int b = rollouts.Count;
        int p = rollouts.Max(r => r.PromptIds.Count);
        int t = Math.Max(1, rollouts.Max(r => r.ResponseIds.Count));
        var queries = new long[b * p];
        var responses = new long[b * t];
        var logprobs = new float[b * t];
        var rewards = new float[b];
        for (int row = 0; row < b; row++)
        {
            var r = rollouts[row];
            int pad = p - r.PromptIds.Count;
            for (int j = 0; j < p; j++)
            {
                queries[(row * p) + j] = j < pad ? padId : r.PromptIds[j - pad];
            }

            for (int j = 0; j < t; j++)
            {
                bool inside = j < r.ResponseIds.Count;
                responses[(row * t) + j] = inside ? r.ResponseIds[j] : padId;
                logprobs[(row * t) + j] = inside ? r.Logprobs[j] : 0f;
            }

            rewards[row] = (float)scores[row].Score;
        }

        return new RolloutBatch(
            tensor(queries, [b, p], device: device), // (B, P)
            tensor(responses, [b, t], device: device), // (B, T)
            tensor(logprobs, [b, t], device: device), // (B, T)
            tensor(rewards, [b], device: device)); // (B)
    }
}
