using System.CommandLine;
using Mpo.Hosting.Configuration;
using Mpo.Storage;

namespace Mpo.Cli.Hosting;

/// <summary>
/// The storage and task-hub options every command that talks to a task hub shares (<c>mpo worker</c>, the run
/// commands): <c>--storage</c>, <c>--hub</c>, <c>--data-dir</c>, and for commands that read run artifacts
/// <c>--container</c>. One definition keeps their names, defaults and help identical across commands.
/// </summary>
internal sealed class HubOptions
{
    private HubOptions(bool withContainer)
    {
        Container = withContainer
            ? new Option<string>("--container")
            {
                Description = "Blob container of the run artifacts; must match the run configuration's storage.container.",
                DefaultValueFactory = _ => ArtifactStoreDefaults.ContainerName,
            }
            : null;
    }

    /// <summary><c>--storage</c>: the connection string; without one (and no environment variable) local Azurite is used.</summary>
    public Option<string?> Storage { get; } = new(StorageConnection.CommandLineOption)
    {
        Description = $"Storage connection string (a secret; prefer {StorageConnection.ConnectionStringVariable}). " +
                      "Without one, a local Azurite is started.",
    };

    /// <summary><c>--hub</c>: the task hub name.</summary>
    public Option<string?> Hub { get; } = new("--hub") { Description = "Task hub name (default: host.json, MPO_HUB_NAME, else 'mpo')." };

    /// <summary><c>--data-dir</c>: the local Azurite's data folder.</summary>
    public Option<string> DataDir { get; } = new("--data-dir")
    {
        Description = "Data folder of the local Azurite, used when no connection string is configured.",
        DefaultValueFactory = _ => StorageResolver.DefaultDataFolder,
    };

    /// <summary><c>--container</c>, for commands that read run artifacts; <c>null</c> for the others.</summary>
    public Option<string>? Container { get; }

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    /// <param name="command">The command to add them to.</param>
    /// <param name="withContainer">Whether the command reads run artifacts and so takes <c>--container</c>.</param>
    public static HubOptions AddTo(Command command, bool withContainer)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new HubOptions(withContainer);
        command.Options.Add(options.Storage);
        command.Options.Add(options.Hub);
        command.Options.Add(options.DataDir);
        if (options.Container is not null)
        {
            command.Options.Add(options.Container);
        }

        return options;
    }

    /// <summary>
    /// The durable host options from host.json, the environment and these options (plus <paramref name="extra"/>
    /// command-line values such as <c>--slot</c>).
    /// </summary>
    /// <exception cref="Mpo.Core.MpoInputException">A value is invalid; the message names its source.</exception>
    public DurableHostOptions LoadHostOptions(ParseResult parse, IReadOnlyDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var values = new Dictionary<string, string?> { ["--hub"] = parse.GetValue(Hub) };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return DurableHostConfiguration.Load(DurableHostConfiguration.FindHostJson(), values);
    }

    /// <summary>Uses the configured storage, or starts (or reuses) local Azurite; progress lines go to <paramref name="progress"/>.</summary>
    public Task<StorageResolver> ResolveStorageAsync(ParseResult parse, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(progress);
        return StorageResolver.ResolveAsync(parse.GetValue(Storage), parse.GetValue(DataDir)!, progress.WriteLine, cancellationToken);
    }
}
