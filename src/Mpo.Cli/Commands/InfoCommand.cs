using System.CommandLine;
using System.Reflection;
using System.Text.Json;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo info [--json]</c>: version, runtime and where MPO looks for things.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("info", "Show the MPO version, the runtime and the folders MPO uses.") { json };
        command.SetAction(parse =>
        {
            var version = typeof(InfoCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
            var info = new
            {
                version,
                runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                processors = Environment.ProcessorCount,
                azuriteFolder = Mpo.Storage.Azurite.AzuriteLauncher.FindInstallFolder(),
            };
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(info));
            }
            else
            {
                var o = parse.InvocationConfiguration.Output;
                o.WriteLine($"mpo {info.version}");
                o.WriteLine($"runtime     {info.runtime} on {info.os}, {info.processors} processors");
                o.WriteLine($"azurite     {info.azuriteFolder ?? "(infra/azurite not found)"}");
            }

            return 0;
        });
        return command;
    }
}
