// A worker process for the hosting tests: runs the test orchestrations on a task hub until SIGTERM, and is
// SIGKILLed by the crash tests.
//   MPO_STORAGE_CONNECTION_STRING=... dotnet Mpo.TestWorker.dll --hub <name> --slot <n>
// Other settings come from the MPO_* environment variables (see docs/durable-host.md). Prints
// "READY <pid> <workerId>" on stdout once the TaskHubWorker runs.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mpo.Core;
using Mpo.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Storage;
using Mpo.TestWorker;

try
{
    var commandLine = new Dictionary<string, string?>();
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        commandLine[args[i]] = args[i + 1];
    }

    var options = DurableHostConfiguration.Load(hostJsonPath: null, commandLine);
    var connection = StorageConnection.FromConfiguration(commandLineValue: null)
        ?? throw new MpoInputException($"Set {StorageConnection.ConnectionStringVariable} to the storage connection string.");

    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
        .AddFilter("DurableTask", LogLevel.Warning)
        .AddFilter("Azure", LogLevel.Warning)
        .SetMinimumLevel(LogLevel.Information);
    builder.Services.AddMpoDurableWorker(options, connection, TestTasks.Register);

    using var host = builder.Build();
    await host.StartAsync();
    Console.Out.WriteLine($"READY {Environment.ProcessId} {options.WorkerId}");
    Console.Out.Flush();
    await host.WaitForShutdownAsync();
    Console.Out.WriteLine("STOPPED");
    return 0;
}
catch (MpoInputException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
