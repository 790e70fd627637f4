using Mpo.TestWorker;

namespace Mpo.Hosting.Tests.Support;

/// <summary>Reads what <c>RecordStepActivity</c> appended: one <c>started|finished {step} {pid} {unixMs}</c> line per event.</summary>
public sealed class StepLog(string folder)
{
    private string Path => System.IO.Path.Combine(folder, TestEvents.StepLog);

    /// <summary>All lines so far.</summary>
    public IReadOnlyList<string> Lines() => File.Exists(Path) ? File.ReadAllLines(Path) : [];

    /// <summary>How often <paramref name="what"/> (<c>started</c> or <c>finished</c>) happened for a step.</summary>
    public int Count(string what, int step) => Lines().Count(l => l.StartsWith($"{what} {step} ", StringComparison.Ordinal));

    /// <summary>The process ids that logged <paramref name="what"/> for a step.</summary>
    public IReadOnlyList<int> Pids(string what, int step) => Lines()
        .Where(l => l.StartsWith($"{what} {step} ", StringComparison.Ordinal))
        .Select(l => int.Parse(l.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    /// <summary>The time (unix ms) of the last <paramref name="what"/> of a step.</summary>
    public long LastTime(string what, int step) => Lines()
        .Where(l => l.StartsWith($"{what} {step} ", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture))
        .Last();

    /// <summary>Waits until a step has logged <paramref name="what"/>.</summary>
    public async Task WaitForAsync(string what, int step, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(what, step) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No '{what} {step}' within {timeout.TotalSeconds} s; log: {string.Join(" | ", Lines())}");
            }

            await Task.Delay(50);
        }
    }
}
