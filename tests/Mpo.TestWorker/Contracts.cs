namespace Mpo.TestWorker;

/// <summary>Input of the three-activity chain: where to record runs, and which step is slow.</summary>
/// <param name="Folder">A folder the test reads; each activity appends its start and end there.</param>
/// <param name="SlowStep">The step (1–3) that waits <paramref name="SlowDelayMs"/> (the test kills the worker then).</param>
/// <param name="SlowDelayMs">How long the slow step waits.</param>
public sealed record ChainInput(string Folder, int SlowStep, int SlowDelayMs);

/// <summary>Input of one recorded step.</summary>
public sealed record StepInput(string Folder, int Step, int DelayMs);

/// <summary>Input of the retry test: the activity fails <paramref name="Failures"/> times, then succeeds.</summary>
/// <param name="Folder">Where attempts are counted (so counting survives worker restarts).</param>
/// <param name="Key">Names the attempt file.</param>
/// <param name="Failures">Planned failures before the first success.</param>
/// <param name="MaxAttempts">The retry policy's maximum number of attempts.</param>
public sealed record FlakyInput(string Folder, string Key, int Failures, int MaxAttempts);

/// <summary>State carried through ContinueAsNew generations.</summary>
public sealed record CounterState(int Current, int Target);

/// <summary>Input of the fan-out: how many activities, each waiting this long.</summary>
public sealed record FanOutInput(int Count, int DelayMs);

/// <summary>Names shared by the test worker and the tests.</summary>
public static class TestEvents
{
    /// <summary>The external event <see cref="Orchestrations.ApprovalOrchestrator"/> waits for.</summary>
    public const string Approval = "approval";

    /// <summary>The file each <see cref="Activities.RecordStepActivity"/> run appends to.</summary>
    public const string StepLog = "steps.log";
}
