namespace Mpo.Core.Pipeline;

/// <summary>Durable retry policy of one activity kind (implemented with durable timers, so it survives restarts).</summary>
/// <param name="MaxAttempts">Attempts including the first. The default is 5.</param>
/// <param name="FirstRetrySeconds">Wait before the first retry. The default is 5 s.</param>
/// <param name="BackoffCoefficient">Multiplier of the wait per retry. The default is 2.</param>
/// <param name="MaxRetrySeconds">Longest wait between attempts. The default is 120 s.</param>
public sealed record RetrySettings(int MaxAttempts = 5, double FirstRetrySeconds = 5, double BackoffCoefficient = 2, double MaxRetrySeconds = 120);
