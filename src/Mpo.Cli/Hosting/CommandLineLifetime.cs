using Microsoft.Extensions.Hosting;

namespace Mpo.Cli.Hosting;

/// <summary>
/// A host lifetime that leaves Ctrl-C and SIGTERM to System.CommandLine, which cancels the command's token; the
/// default console lifetime would register competing signal handlers.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
