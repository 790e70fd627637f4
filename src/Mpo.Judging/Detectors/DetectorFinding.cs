namespace Mpo.Judging.Detectors;

/// <summary>One reward-hacking detector's result on a batch.</summary>
/// <param name="Detector">Detector name (<see cref="HackingDetectors.Names"/>).</param>
/// <param name="Fired">Whether the batch crossed the threshold.</param>
/// <param name="Observed">The batch statistic.</param>
/// <param name="Baseline">The same statistic on the SFT baseline.</param>
/// <param name="Threshold">Where the detector fires.</param>
/// <param name="Summary">One line for the analysis text.</param>
public sealed record DetectorFinding(string Detector, bool Fired, double Observed, double Baseline, double Threshold, string Summary);
