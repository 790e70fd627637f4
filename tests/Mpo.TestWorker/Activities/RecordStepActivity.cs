using Microsoft.DurableTask;

namespace Mpo.TestWorker.Activities;

/// <summary>
/// Appends <c>started {step} {pid} {unixMs}</c>, waits, then appends <c>finished {step} {pid} {unixMs}</c> to
/// <see cref="TestEvents.StepLog"/>, so tests can count how often each step ran and in which process.
/// Returns the step times ten.
/// </summary>
public sealed class RecordStepActivity : TaskActivity<StepInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var log = Path.Combine(input.Folder, TestEvents.StepLog);
        await File.AppendAllTextAsync(log, $"started {input.Step} {Environment.ProcessId} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
        if (input.DelayMs > 0)
        {
            await Task.Delay(input.DelayMs);
        }

        await File.AppendAllTextAsync(log, $"finished {input.Step} {Environment.ProcessId} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
        return input.Step * 10;
    }
}
