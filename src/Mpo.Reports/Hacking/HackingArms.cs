namespace Mpo.Reports.Hacking;

/// <summary>
/// The three arms of the reward-hacking experiment (issue 6), trained from the same policy and seeds: the flawed
/// initial rubric held fixed, the expert rubric held fixed, and MPO (the initial rubric revised by the MRM).
/// </summary>
public static class HackingArms
{
    /// <summary>The flawed initial rubric, never revised: the run that can be exploited.</summary>
    public const string FixedInitial = "fixed-initial";

    /// <summary>The hand-written expert rubric, never revised: the careful-human baseline.</summary>
    public const string FixedExpert = "fixed-expert";

    /// <summary>The flawed initial rubric, revised by the meta-reward model every <c>num_mpo_interval</c> steps.</summary>
    public const string Mpo = "mpo";

    /// <summary>Every arm, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [FixedInitial, FixedExpert, Mpo];
}
