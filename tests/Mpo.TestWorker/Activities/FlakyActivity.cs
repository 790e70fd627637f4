using Microsoft.DurableTask;

namespace Mpo.TestWorker.Activities;

/// <summary>
/// Fails the first <see cref="FlakyInput.Failures"/> attempts with <see cref="InvalidOperationException"/>, then
/// returns the attempt number. Attempts are counted in a file so the count survives worker restarts.
/// </summary>
public sealed class FlakyActivity : TaskActivity<FlakyInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, FlakyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var file = Path.Combine(input.Folder, $"{input.Key}.attempts");
        await File.AppendAllTextAsync(file, "attempt\n");
        var attempt = (await File.ReadAllLinesAsync(file)).Length;
        return attempt <= input.Failures
            ? throw new InvalidOperationException($"planned failure {attempt} of {input.Failures}")
            : attempt;
    }
}
