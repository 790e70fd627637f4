namespace Mpo.Pipeline;

/// <summary>Where a worker keeps its local copies (model folders, checkpoints) and where the bundled policy is.</summary>
public sealed record PipelineOptions
{
    /// <summary>The bundled tiny policy's folder, relative to the program's folder.</summary>
    public const string BundledPolicyFolder = "Bundled/mini-qa-policy";

    /// <summary>
    /// Scratch folder of this worker: downloaded model folders and checkpoints, staging. The default folder is
    /// deleted when the worker stops cleanly, and by the next worker if this one was killed (<see cref="WorkerFolders"/>).
    /// <value>The default is <c>{temp}/mpo-worker/{process id}</c>.</value>
    /// </summary>
    public string WorkDirectory { get; init; } = WorkerFolders.Default.ForProcess(Environment.ProcessId);

    /// <summary>Checkpoints kept downloaded in <see cref="WorkDirectory"/> (older ones are deleted). <value>The default is 3.</value></summary>
    public int LocalCheckpoints { get; init; } = 3;

    /// <summary>Prompts generated per batch in evaluations. <value>The default is 32.</value></summary>
    public int EvaluationBatchSize { get; init; } = 32;

    /// <summary>The bundled tiny policy's folder (next to mpo.dll), used when a config names no policy model.</summary>
    public static string BundledPolicy => Path.Combine(AppContext.BaseDirectory, BundledPolicyFolder);
}
