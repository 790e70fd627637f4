using Microsoft.DurableTask;

namespace Mpo.Cli.Bench;

/// <summary>One execution of an activity's code: its name and when it started and returned (UTC).</summary>
/// <param name="Activity">The activity name (<see cref="Mpo.Core.Pipeline.TaskNames"/>).</param>
/// <param name="Start">When the activity code was entered.</param>
/// <param name="End">When it returned (or threw).</param>
internal sealed record ActivitySpan(string Activity, DateTime Start, DateTime End);

/// <summary>
/// Records when each activity's code runs inside the durable worker, so <c>mpo bench pipeline</c> can tell time spent
/// in activity code from time spent in the durable engine (queues, history, dispatch). The durable history alone
/// cannot: it records when an activity was scheduled and when it completed, not when its code started.
/// </summary>
internal sealed class ActivityTimeline
{
    private readonly Lock _gate = new();
    private readonly List<ActivitySpan> _spans = [];

    /// <summary>The recorded spans, ordered by start.</summary>
    public IReadOnlyList<ActivitySpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans.OrderBy(s => s.Start)];
            }
        }
    }

    /// <summary>A factory for <see cref="Hosting.ProductTasks.Register(DurableTaskRegistry, Func{string, Func{IServiceProvider, ITaskActivity}, Func{IServiceProvider, ITaskActivity}}?)"/> that wraps each activity in a timer.</summary>
    public Func<IServiceProvider, ITaskActivity> Wrap(string name, Func<IServiceProvider, ITaskActivity> create) =>
        services => new TimedActivity(name, create(services), this);

    private void Add(ActivitySpan span)
    {
        lock (_gate)
        {
            _spans.Add(span);
        }
    }

    /// <summary>Runs the real activity unchanged (same input and output types, so the same serialization) and records its span.</summary>
    private sealed class TimedActivity(string name, ITaskActivity inner, ActivityTimeline timeline) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var start = DateTime.UtcNow;
            try
            {
                return await inner.RunAsync(context, input).ConfigureAwait(false);
            }
            finally
            {
                timeline.Add(new ActivitySpan(name, start, DateTime.UtcNow));
            }
        }
    }
}
