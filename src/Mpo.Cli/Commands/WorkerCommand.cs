using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mpo.Cli.Hosting;
using Mpo.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Hosting.Worker;
using Mpo.Storage;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo worker</c>: runs a durable worker on the task hub until Ctrl-C or SIGTERM, then stops gracefully
/// (in-flight episodes finish, partition leases are handed back). Run several, on one machine with different
/// <c>--slot</c>s or on several machines, to share the work.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var slot = new Option<int?>("--slot")
        {
            Description = "Worker slot on this machine, 0-999 (default: MPO_WORKER_SLOT, else 0). The worker id is {machine}-{slot}.",
        };
        var command = new Command("worker", "Run a durable worker until Ctrl-C (graceful stop).");
        var hubOptions = HubOptions.AddTo(command, withContainer: true);
        command.Options.Add(slot);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = hubOptions.LoadHostOptions(parse, new Dictionary<string, string?>
            {
                ["--slot"] = parse.GetValue(slot)?.ToString(CultureInfo.InvariantCulture),
            });

            await using var resolved = await hubOptions.ResolveStorageAsync(parse, error, cancellationToken);
            using var host = BuildHost(options, resolved.Connection, parse.GetValue(hubOptions.Container!)!);
            await host.StartAsync(cancellationToken);
            output.WriteLine($"Worker {options.WorkerId} running on task hub '{options.HubName}' at {resolved.Connection}. " +
                             "Press Ctrl-C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop gracefully below.
            }

            using var stopTimeout = new CancellationTokenSource(MpoDurableTaskWorker.StopTimeout);
            await host.StopAsync(stopTimeout.Token);
            output.WriteLine($"Worker {options.WorkerId} stopped.");
            return 0;
        });
        return command;
    }

    /// <summary>A worker host running <see cref="ProductTasks"/> with the pipeline services of <paramref name="container"/>.</summary>
    internal static IHost BuildHost(DurableHostOptions options, StorageConnection connection, string container, bool quiet = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("DurableTask", LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Warning)

            // A failed start is reported once, as an error message; the host would also log it with a stack trace.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None)
            .SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information);
        if (quiet)
        {
            // An in-process worker (mpo train, mpo experiment) shares stdout with the command's own output, which
            // may be one JSON object: its log lines go to stderr.
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.AddPipelineServices(connection.ConnectionString, container);

        // Registered before the worker, so it stops after it: the scratch folder goes only once no activity runs.
        builder.Services.AddHostedService<WorkerFolderCleanup>();
        builder.Services.AddMpoDurableWorker(options, connection, ProductTasks.Register);
        return builder.Build();
    }
}
