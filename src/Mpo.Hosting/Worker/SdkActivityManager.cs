using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mpo.Hosting.Worker;

/// <summary>
/// Gives DTFx's activity dispatcher a <see cref="TaskActivity"/> for each registered SDK activity name. Each
/// execution creates the SDK activity in its own DI scope, so scoped services (HTTP or blob clients) live exactly
/// as long as one activity run, and wraps it with the SDK shim.
/// </summary>
/// <remarks>
/// An unknown name returns <c>null</c>: DTFx then abandons the message and retries it, so in a mixed fleet a
/// worker that knows the activity picks it up.
/// </remarks>
internal sealed class SdkActivityManager(
    IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims, ILogger logger)
    : INameVersionObjectManager<TaskActivity>
{
    /// <inheritdoc />
    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException("Register activities with the DurableTaskRegistry (AddMpoDurableWorker).");

    /// <inheritdoc />
    public TaskActivity? GetObject(string name, string? version)
    {
        var taskName = new TaskName(name);
        var scope = services.CreateAsyncScope();
        if (!factory.TryCreateActivity(taskName, scope.ServiceProvider, out var activity))
        {
            scope.Dispose();
            logger.ActivityNotFound(name);
            return null;
        }

        return new ScopedActivity(scope, shims.CreateActivity(taskName, activity));
    }

    /// <summary>One activity execution that owns the DI scope its SDK activity was created in.</summary>
    private sealed class ScopedActivity(AsyncServiceScope scope, TaskActivity shim) : TaskActivity
    {
        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously.");

        public override async Task<string> RunAsync(TaskContext context, string input)
        {
            await using (scope.ConfigureAwait(false))
            {
                return (await shim.RunAsync(context, input).ConfigureAwait(false))!;
            }
        }
    }
}
