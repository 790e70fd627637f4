using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Services;

namespace Mpo.Pipeline;

/// <summary>What <c>mpo train</c> starts a <c>TrainingRun</c> orchestration from.</summary>
/// <param name="Config">The run's stored config.</param>
/// <param name="Input">Plan and state to start (or restart) the orchestration with.</param>
/// <param name="Resumed">Whether the run existed (the state is its newest checkpoint that verifies).</param>
public sealed record PreparedRun(RunConfig Config, TrainingRunInput Input, bool Resumed);

/// <summary>
/// Creates a run, or finds where an existing one resumes: the same config file (or none) for an existing id resumes
/// it from its newest committed checkpoint that verifies (setting corrupted newer ones aside); a different config
/// for an existing id is an error. Runs in the process that starts the run, before any orchestration.
/// </summary>
public sealed class TrainingRunSetup(PipelineStore store, RunCreationService creation, CheckpointRecovery recovery)
{
    /// <summary>Creates or resumes <paramref name="runId"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="configFile">The config file; null = the stored config for an existing run, <see cref="RunConfigTemplates.EmbeddedDefault"/> for a new one.</param>
    /// <param name="ct">Cancels the preparation.</param>
    /// <exception cref="MpoInputException">A bad config or run id, or an existing id with another config.</exception>
    public async Task<PreparedRun> PrepareAsync(string runId, string? configFile, CancellationToken ct = default)
    {
        var given = configFile is null ? null : RunConfigReader.ReadFile(configFile);
        var folder = configFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        if (BlobLayout.IsValidRunId(runId) && await store.ExistsAsync(BlobLayout.Config(runId), ct).ConfigureAwait(false))
        {
            var stored = RunConfigReader.Parse((await store.Blobs.GetAsync(BlobLayout.Config(runId), ct).ConfigureAwait(false)).ToString(), BlobLayout.Config(runId));
            if (given is not null && RunConfigJson.Serialize(given) != RunConfigJson.Serialize(stored))
            {
                throw new MpoInputException($"run '{runId}' already exists with a different config; resume it without --config (or with the same file), or choose another run id.");
            }

            var state = await recovery.ResumeStateAsync(runId, stored.StepsPerEpoch, ct).ConfigureAwait(false);
            if (state is null)
            {
                // Created up to its config but not to checkpoint 0 (interrupted creation): finish creating it.
                state = await creation.CreateAsync(runId, stored, folder, ct).ConfigureAwait(false);
            }

            return new PreparedRun(stored, new TrainingRunInput(stored.ToPlan(), state), Resumed: true);
        }

        var config = given ?? RunConfigTemplates.EmbeddedDefault();
        var initial = await creation.CreateAsync(runId, config, folder, ct).ConfigureAwait(false);
        return new PreparedRun(config, new TrainingRunInput(config.ToPlan(), initial), Resumed: false);
    }
}
