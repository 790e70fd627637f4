using Mpo.Core;
using Mpo.Reports.Hacking;

namespace Mpo.Cli.Experiments;

/// <summary>The options of <c>mpo experiment hacking</c>, checked.</summary>
/// <param name="Seeds">Seeds per arm: run seeds <paramref name="BaseSeed"/>, <paramref name="BaseSeed"/> + 1, ….</param>
/// <param name="BaseSeed">The first run seed (the embedded default's 42).</param>
/// <param name="Steps">Policy updates per run.</param>
/// <param name="EvalEvery">Updates between oracle evaluations (the runs' epoch length; step 0 is evaluated too).</param>
/// <param name="Arms">The arms to run (<see cref="HackingArms"/>).</param>
/// <param name="Tiny">Smoke-test scale: one prompt of 8 samples per update, 16 test prompts (for tests and a quick check).</param>
/// <param name="Output">Folder for configs, CSV, plots and the summary.</param>
internal sealed record HackingSettings(int Seeds, int BaseSeed, int Steps, int EvalEvery, IReadOnlyList<string> Arms, bool Tiny, string Output)
{
    /// <summary>Default steps: the embedded default's 8 epochs of 10 updates.</summary>
    public const int DefaultSteps = 80;

    /// <summary>Default evaluation period: the embedded default's epoch (10 updates).</summary>
    public const int DefaultEvalEvery = 10;

    /// <summary>Default output folder, next to the local Azurite's data.</summary>
    public const string DefaultOutput = ".mpo/experiments/hacking";

    /// <summary>The run seeds, ascending.</summary>
    public IReadOnlyList<int> RunSeeds => Enumerable.Range(0, Seeds).Select(i => BaseSeed + i).ToList();

    /// <summary>Checks the options.</summary>
    /// <exception cref="MpoInputException">An option is out of range (names the option).</exception>
    public HackingSettings Validate()
    {
        if (Seeds < 1)
        {
            throw new MpoInputException($"--seeds must be at least 1, got {Seeds}.");
        }

        if (Steps < 1)
        {
            throw new MpoInputException($"--steps must be at least 1, got {Steps}.");
        }

        if (EvalEvery < 1 || Steps % EvalEvery != 0)
        {
            throw new MpoInputException($"--eval-every must be at least 1 and divide --steps ({Steps}), got {EvalEvery}.");
        }

        if (BaseSeed < 0 || BaseSeed > int.MaxValue - Seeds)
        {
            throw new MpoInputException($"--base-seed must be between 0 and {int.MaxValue - Seeds}, got {BaseSeed}.");
        }

        if (Arms.Count == 0)
        {
            throw new MpoInputException("--arms names no arm; choose from " + string.Join(", ", HackingArms.All) + ".");
        }

        foreach (var arm in Arms)
        {
            if (!HackingArms.All.Contains(arm))
            {
                throw new MpoInputException($"--arms: unknown arm '{arm}'; choose from {string.Join(", ", HackingArms.All)}.");
            }
        }

        if (Arms.Distinct().Count() != Arms.Count)
        {
            throw new MpoInputException("--arms names an arm twice.");
        }

        return this;
    }
}
