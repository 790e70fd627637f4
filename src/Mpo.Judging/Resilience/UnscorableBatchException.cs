namespace Mpo.Judging.Resilience;

/// <summary>
/// Too many samples of a scoring batch could not be scored (judge down, circuit open, garbage replies). Thrown so
/// the scoring activity fails and the durable engine retries it later, instead of training on a batch whose
/// rewards are mostly missing.
/// </summary>
public sealed class UnscorableBatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="unscorable">Samples without a reward.</param>
    /// <param name="total">Samples in the batch.</param>
    /// <param name="threshold">The configured maximum share.</param>
    /// <param name="firstFailure">The first failure's cause, as an example.</param>
    public UnscorableBatchException(int unscorable, int total, double threshold, string? firstFailure)
        : base($"{unscorable} of {total} samples could not be scored (share {(double)unscorable / total:0.###} > maximum {threshold:0.###}); first cause: {firstFailure}")
    {
        Unscorable = unscorable;
        Total = total;
        Threshold = threshold;
        FirstFailure = firstFailure;
    }

    /// <summary>Samples without a reward.</summary>
    public int Unscorable { get; }

    /// <summary>Samples in the batch.</summary>
    public int Total { get; }

    /// <summary>The configured maximum share of unscorable samples.</summary>
    public double Threshold { get; }

    /// <summary>The first failure's cause.</summary>
    public string? FirstFailure { get; }
}
