using Mpo.Core;

namespace Mpo.Hosting.Configuration;

/// <summary>
/// The storage account connection string (a secret) and where it came from. <see cref="ToString"/> and
/// <see cref="Describe"/> never show keys or SAS tokens, so this object is safe to log; only
/// <see cref="ConnectionString"/> holds the secret, for the storage clients.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The command-line option that names a connection string.</summary>
    public const string CommandLineOption = "--storage";

    /// <summary>The environment variable that MPO reads first.</summary>
    public const string EnvironmentVariable = "MPO_STORAGE_CONNECTION_STRING";

    /// <summary>The Azure Functions variable, read when <see cref="EnvironmentVariable"/> is unset.</summary>
    public const string FunctionsEnvironmentVariable = "AzureWebJobsStorage";

    /// <summary>Creates the connection after checking that the text looks like a connection string.</summary>
    /// <param name="connectionString">The secret connection string.</param>
    /// <param name="source">Where it came from, for messages (an option, a variable, "local Azurite").</param>
    /// <exception cref="MpoInputException">The text is not <c>key=value;...</c> pairs (the value is not echoed).</exception>
    public StorageConnection(string connectionString, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        Parts = Parse(connectionString)
            ?? throw new MpoInputException($"{source}: not a storage connection string (expected key=value pairs separated by ';')");
        ConnectionString = connectionString;
    }

    /// <summary>The connection string. A secret: pass it to storage clients only, never to logs or payloads.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the connection string came from.</summary>
    public string Source { get; }

    private IReadOnlyDictionary<string, string> Parts { get; }

    /// <summary>
    /// The connection from the command line (<c>--storage</c>), else <c>MPO_STORAGE_CONNECTION_STRING</c>, else
    /// <c>AzureWebJobsStorage</c>; <c>null</c> when none is configured.
    /// </summary>
    public static StorageConnection? FromConfiguration(string? commandLineValue, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(commandLineValue))
        {
            return new StorageConnection(commandLineValue, $"option {CommandLineOption}");
        }

        foreach (var variable in new[] { EnvironmentVariable, FunctionsEnvironmentVariable })
        {
            if (environment(variable) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return new StorageConnection(value, $"environment variable {variable}");
            }
        }

        return null;
    }

    /// <summary>The account and endpoints, without keys: e.g. <c>devstoreaccount1 at http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public string Describe()
    {
        if (Parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return "development storage on 127.0.0.1:10000";
        }

        var account = Parts.GetValueOrDefault("AccountName", "(account from SAS)");
        var endpoint = Parts.GetValueOrDefault("BlobEndpoint")
            ?? (Parts.TryGetValue("EndpointSuffix", out var suffix) ? $"https://{account}.blob.{suffix}" : $"https://{account}.blob.core.windows.net");
        return $"{account} at {endpoint}";
    }

    /// <summary>Same as <see cref="Describe"/>, with the source; never the secret.</summary>
    public override string ToString() => $"{Describe()} (from {Source})";

    private static Dictionary<string, string>? Parse(string text)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            parts[segment[..eq]] = segment[(eq + 1)..];
        }

        return parts.Count == 0 ? null : parts;
    }
}
