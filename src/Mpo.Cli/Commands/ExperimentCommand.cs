using System.CommandLine;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo experiment</c>: reproducible experiments built from ordinary durable runs (issue 6).</summary>
internal static class ExperimentCommand
{
    public static Command Create() =>
        new("experiment", "Run a reproducible experiment made of ordinary training runs.") { ExperimentHackingCommand.Create() };
}
