using Mpo.Core.Pipeline;

namespace Mpo.Pipeline.Policy;

/// <summary>
/// A committed checkpoint failed verification when a worker read it (a file missing or altered). The activity fails
/// with this; the run then resumes from the previous committed step (see <see cref="Services.CheckpointRecovery"/>).
/// </summary>
public sealed class CheckpointCorruptedException(CheckpointRef checkpoint, IReadOnlyList<string> problems, Exception? inner = null)
    : Exception($"Checkpoint of step {checkpoint.Step} ({checkpoint.ManifestPath}, manifest sha256 {checkpoint.ManifestSha256}) is corrupted: {string.Join("; ", problems)}. Resume the run: it continues from the previous committed step.", inner)
{
    /// <summary>The checkpoint.</summary>
    public CheckpointRef Checkpoint { get; } = checkpoint;

    /// <summary>What is wrong, one entry per bad file.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
