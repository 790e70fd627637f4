using System.CommandLine;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo bench policy</c> and <c>mpo bench pipeline</c>: performance measurements with a reference side by side.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure performance against a reference implementation in the same run.");
        command.Subcommands.Add(BenchPolicyCommand.Create());
        command.Subcommands.Add(BenchPipelineCommand.Create());
        return command;
    }
}
