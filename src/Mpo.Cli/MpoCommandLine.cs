using System.CommandLine;
using Mpo.Core;

namespace Mpo.Cli;

/// <summary>
/// The <c>mpo</c> program: builds the command tree and maps outcomes to exit codes
/// (0 ok, 1 failure, 2 usage error). User mistakes print one clear line, never a stack trace.
/// </summary>
public static class MpoCommandLine
{
    /// <summary>Exit code of a successful command.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of a command that failed (bad input file, failed run, unreachable storage).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command line that does not parse (unknown command or option, missing argument).</summary>
    public const int UsageError = 2;

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "MPO: Meta Policy Optimization. Trains language-model policies with an LLM reward model whose rubric a " +
            "meta-reward model keeps rewriting, as durable, resumable workflows.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = CreateRootCommand();
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,

            // Ctrl-C/SIGTERM cancel the command's token; a graceful stop (e.g. of `mpo worker`) may take longer
            // than System.CommandLine's default 2 s.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                config.Error.WriteLine($"error: {parseError.Message}");
            }

            config.Error.WriteLine("Run 'mpo --help' (or 'mpo COMMAND --help') for usage.");
            return UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (MpoInputException e)
        {
            config.Error.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            config.Error.WriteLine("Cancelled.");
            return Failure;
        }
    }
}
