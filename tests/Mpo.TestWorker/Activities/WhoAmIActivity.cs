using Microsoft.DurableTask;

namespace Mpo.TestWorker.Activities;

/// <summary>Waits the given milliseconds and returns the id of the worker process it ran in.</summary>
public sealed class WhoAmIActivity : TaskActivity<int, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        if (input > 0)
        {
            await Task.Delay(input);
        }

        return Environment.ProcessId;
    }
}
