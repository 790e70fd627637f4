using Mpo.Reports.Hacking;

namespace Mpo.Reports.Tests.Hacking;

/// <summary>Synthetic experiment runs with known numbers (the shapes the CLI collects from storage).</summary>
internal static class HackingRuns
{
    /// <summary>A run whose reward rises linearly from <paramref name="rewardFrom"/> to <paramref name="rewardTo"/> over 10 updates and whose oracle goes through <paramref name="oracle"/> at steps 0, 5, 10.</summary>
    public static ArmRun Make(string arm, int seed, double rewardFrom, double rewardTo, double[] oracle, int versions = 1, double length = 6)
    {
        var training = Enumerable.Range(1, 10).Select(step => new TrainingPoint(
            step,
            RubricVersion: Math.Min(versions - 1, (step - 1) / 5),
            RewardMean: 30 * (rewardFrom + ((rewardTo - rewardFrom) * (step - 1) / 9.0)),
            RewardMaximum: 30,
            ResponseLength: length,
            EosShare: 0.75,
            Detectors: new Dictionary<string, int> { ["truncated"] = 16 })).ToList();
        var points = oracle.Select((o, i) => new OraclePoint(i * 5, o, o, o, 5)).ToList();
        var rubrics = Enumerable.Range(0, versions).Select(v => new RubricPoint(v, v * 5, ["thorough"])).ToList();
        return new ArmRun(arm, seed, $"hk-{arm}-s{seed}", "Completed", training, points, rubrics);
    }

    /// <summary>Two seeds of each arm.</summary>
    public static IReadOnlyList<ArmRun> TwoSeedsPerArm() =>
    [
        Make(HackingArms.FixedInitial, 42, 0.4, 0.9, [1.0, 0.8, 0.6], length: 18),
        Make(HackingArms.FixedInitial, 43, 0.4, 0.8, [1.0, 0.9, 0.8], length: 16),
        Make(HackingArms.FixedExpert, 42, 1.0, 1.0, [1.0, 1.0, 1.0]),
        Make(HackingArms.FixedExpert, 43, 1.0, 1.0, [1.0, 1.0, 0.98]),
        Make(HackingArms.Mpo, 42, 0.4, 0.6, [1.0, 0.85, 0.95], versions: 2),
        Make(HackingArms.Mpo, 43, 0.4, 0.6, [1.0, 0.9, 0.97], versions: 3),
    ];
}
