using Microsoft.DurableTask;

namespace Mpo.Cli.Hosting;

/// <summary>
/// The orchestrators and activities of MPO that every worker process runs (<c>mpo worker</c>, and the worker that
/// <c>mpo train</c> hosts in-process). The training workflow registers its orchestrators and activities here;
/// until it exists the list is empty and a worker serves only what a client schedules by name.
/// </summary>
internal static class ProductTasks
{
    /// <summary>Adds MPO's orchestrators and activities to <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
