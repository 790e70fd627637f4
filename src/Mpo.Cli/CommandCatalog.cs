using System.CommandLine;

namespace Mpo.Cli;

/// <summary>Every top-level command of <c>mpo</c>, in help order. Each area adds one line here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.InfoCommand.Create();
        yield return Commands.EloCommand.Create();
        yield return Commands.MathCommand.Create();
        yield return Commands.RubricCommand.Create();
        yield return Commands.ModelCommand.Create();
        yield return Commands.WorkerCommand.Create();
        yield return Commands.PretrainCommand.Create();
        yield return Commands.InitCommand.Create();
        yield return Commands.StatusCommand.Create();
        yield return Commands.RunsCommand.Create();
        yield return Commands.SuspendCommand.Create();
        yield return Commands.ResumeCommand.Create();
        yield return Commands.TerminateCommand.Create();
        yield return Commands.EvalCommand.Create();
        yield return Commands.BenchCommand.Create();
        yield return Commands.TrainCommand.Create();
        yield return Commands.ExperimentCommand.Create();
    }
}
