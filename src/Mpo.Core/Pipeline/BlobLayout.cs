namespace Mpo.Core.Pipeline;

/// <summary>
/// Where a run's artifacts live in the artifact container. Every path is a function of (run, step, shard, version),
/// which is what lets a re-run activity find its own committed output. Documented in docs/blob-layout.md; a public
/// contract, so change it only deliberately.
/// </summary>
public static class BlobLayout
{
    /// <summary>Prefix of everything of one run.</summary>
    public static string Run(string runId) => $"runs/{runId}/";

    /// <summary>The run configuration, written once when the run is created.</summary>
    public static string Config(string runId) => $"runs/{runId}/config.json";

    /// <summary>Folder of the checkpoint after <paramref name="step"/> updates; committed when its manifest exists.</summary>
    public static string Checkpoint(string runId, int step) => $"runs/{runId}/checkpoints/{step:D6}/";

    /// <summary>Prefix of all checkpoints of a run.</summary>
    public static string Checkpoints(string runId) => $"runs/{runId}/checkpoints/";

    /// <summary>Rubric version <paramref name="version"/> (write-once; the latest is the highest number).</summary>
    public static string Rubric(string runId, int version) => $"runs/{runId}/rubrics/v{version:D4}.json";

    /// <summary>Prefix of all rubric versions of a run.</summary>
    public static string Rubrics(string runId) => $"runs/{runId}/rubrics/";

    /// <summary>The record of the meta-reward model's revision at <paramref name="step"/>, successful or not.</summary>
    public static string Revision(string runId, int step) => $"runs/{runId}/revisions/{step:D6}.json";

    /// <summary>Rollouts of one shard of one step (JSON lines).</summary>
    public static string Rollouts(string runId, int step, int shard) => $"runs/{runId}/rollouts/{step:D6}/shard-{shard:D3}.jsonl";

    /// <summary>Scores of one shard of one step (JSON lines, in rollout order).</summary>
    public static string Scores(string runId, int step, int shard) => $"runs/{runId}/scores/{step:D6}/shard-{shard:D3}.jsonl";

    /// <summary>The metrics line of one step.</summary>
    public static string Metrics(string runId, int step) => $"runs/{runId}/metrics/{step:D6}.json";

    /// <summary>Prefix of all metrics lines of a run.</summary>
    public static string MetricsPrefix(string runId) => $"runs/{runId}/metrics/";

    /// <summary>An evaluation of the checkpoint after <paramref name="step"/> updates.</summary>
    public static string Evaluation(string runId, int step, string reason) => $"runs/{runId}/evaluations/{step:D6}-{reason}.json";

    /// <summary>Prefix of all evaluations of a run.</summary>
    public static string Evaluations(string runId) => $"runs/{runId}/evaluations/";

    /// <summary>The policy model folder the run started from (an artifact set): the frozen base/reference weights and tokenizer every checkpoint builds on.</summary>
    public static string BaseModel(string runId) => $"runs/{runId}/base-model/";

    /// <summary>A copy of a data file of the run (<c>train</c> or <c>test</c>, JSONL), so any worker reads the same rows.</summary>
    public static string Data(string runId, string split) => $"runs/{runId}/data/{split}.jsonl";

    /// <summary>The reward-hacking baseline (rollouts of the initial policy) the embedded meta-reward model compares with.</summary>
    public static string HackingBaseline(string runId) => $"runs/{runId}/hacking-baseline.json";

    /// <summary>The list of the files (sha256, size) <c>UpdatePolicy</c> staged for the checkpoint after <paramref name="step"/> updates; the commit turns it into the manifest.</summary>
    public static string Staging(string runId, int step) => $"runs/{runId}/staging/{step:D6}.json";

    /// <summary>How long one activity attempt took (its first successful computation) for a step and shard.</summary>
    public static string Timing(string runId, int step, string activity, int shard) => $"runs/{runId}/timings/{step:D6}/{activity}-{shard:D3}.json";

    /// <summary>Prefix of the timings of one step.</summary>
    public static string Timings(string runId, int step) => $"runs/{runId}/timings/{step:D6}/";

    /// <summary>Prefix of the rollout shards of one step.</summary>
    public static string RolloutsOfStep(string runId, int step) => $"runs/{runId}/rollouts/{step:D6}/";

    /// <summary>Prefix of the score shards of one step.</summary>
    public static string ScoresOfStep(string runId, int step) => $"runs/{runId}/scores/{step:D6}/";

    /// <summary>The report of a committed checkpoint found corrupted (and set aside) during recovery.</summary>
    public static string Incident(string runId, int step) => $"runs/{runId}/incidents/{step:D6}-corrupted-checkpoint.json";

    /// <summary>Prefix of a run's incident records.</summary>
    public static string Incidents(string runId) => $"runs/{runId}/incidents/";

    /// <summary>Whether <paramref name="runId"/> is usable in blob paths and instance ids: 1–48 of [a-z0-9-], starting with a letter or digit.</summary>
    public static bool IsValidRunId(string runId) =>
        runId.Length is > 0 and <= 48 && char.IsAsciiLetterOrDigit(runId[0])
        && runId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
