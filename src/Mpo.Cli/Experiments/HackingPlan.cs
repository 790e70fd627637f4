using System.Security.Cryptography;
using System.Text;
using Mpo.Judging.Bundled;
using Mpo.Pipeline.Config;
using Mpo.Reports.Hacking;

namespace Mpo.Cli.Experiments;

/// <summary>One run of the experiment: its arm and seed, run id and config file.</summary>
internal sealed record PlannedRun(string Arm, int Seed, string RunId, string ConfigFile, RunConfig Config);

/// <summary>
/// The runs of the reward-hacking experiment. Every arm is the embedded default (<see cref="RunConfigTemplates.EmbeddedDefault"/>)
/// with only what defines the arm changed: the rubric it starts from, whether the MRM revises it, and the seed. The
/// configs are written as ordinary run config files (the expert rubric next to them), so each run is a normal durable
/// run that <c>mpo train --config</c> could also start; the run id includes a hash of the config, so rerunning the
/// experiment reuses finished runs and a changed setting starts new ones.
/// </summary>
internal static class HackingPlan
{
    /// <summary>The expert rubric's file name in the configs folder.</summary>
    public const string ExpertRubricFile = "mini-qa-expert.rubric";

    /// <summary>Writes the configs into <c>{output}/configs</c> and returns the runs, arm by arm, seed by seed.</summary>
    public static IReadOnlyList<PlannedRun> Write(HackingSettings settings)
    {
        var folder = Path.Combine(Path.GetFullPath(settings.Output), "configs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ExpertRubricFile), MiniQaTask.ExpertRubricText);
        var runs = new List<PlannedRun>();
        foreach (var arm in settings.Arms)
        {
            foreach (var seed in settings.RunSeeds)
            {
                var config = ConfigFor(arm, seed, settings);
                var json = RunConfigJson.Serialize(config);
                var hashed = arm == HackingArms.FixedExpert ? json + MiniQaTask.ExpertRubricText : json;
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashed)))[..8];
                var runId = $"hk-{arm}-s{seed}-{hash}";
                var file = Path.Combine(folder, runId + ".json");
                File.WriteAllText(file, json);
                runs.Add(new PlannedRun(arm, seed, runId, file, config));
            }
        }

        return runs;
    }

    /// <summary>The config of <paramref name="arm"/> at <paramref name="seed"/>.</summary>
    public static RunConfig ConfigFor(string arm, int seed, HackingSettings settings)
    {
        var baseline = RunConfigTemplates.EmbeddedDefault();
        var rl = baseline.Rl with { Seed = seed };
        var task = baseline.Task;
        if (settings.Tiny)
        {
            // One prompt × 8 samples per update, one shard, a short test split: seconds per run.
            rl = rl with { PerDeviceTrainBatchSize = rl.NumGenerations, LocalRolloutForwardBatchSize = rl.NumGenerations, NumPpoEpochs = 1, ResponseLength = 16, WarmupSteps = 0 };
            task = task with { TestLimit = 16 };
        }

        if (arm == HackingArms.FixedExpert)
        {
            task = task with { InitialRubricFile = ExpertRubricFile };
        }

        return baseline with
        {
            Task = task,
            Rl = rl,
            Seed = seed,
            EvolveRubric = arm == HackingArms.Mpo,
            NumMpoInterval = settings.Tiny ? 1 : baseline.NumMpoInterval,
            NumMpoSamples = settings.Tiny ? 8 : baseline.NumMpoSamples,
            Epochs = settings.Steps / settings.EvalEvery,
            StepsPerEpoch = settings.EvalEvery,
            RolloutShards = settings.Tiny ? 1 : baseline.RolloutShards,
        };
    }
}
