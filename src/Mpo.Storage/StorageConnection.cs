using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

using Mpo.Core;

namespace Mpo.Storage;

/// <summary>
/// Where the storage account is, and where that setting came from: a connection string (Azurite, or an Azure
/// account with a key or SAS), or an account URL reached with a token credential (<see cref="DefaultAzureCredential"/>
/// unless given). One type serves the blob store and the durable engine (which needs a connection string).
/// </summary>
/// <remarks>
/// A connection string is a secret. This type never prints it: <see cref="ToString"/> and <see cref="Describe"/>
/// name only the account, endpoint and source, so a connection can be logged safely; only
/// <see cref="ConnectionString"/> holds the secret, for the storage clients.
/// </remarks>
public sealed class StorageConnection
{
    /// <summary>The command-line option that names a connection string.</summary>
    public const string CommandLineOption = "--storage";

    /// <summary>Environment variable holding a storage connection string (read first).</summary>
    public const string ConnectionStringVariable = "MPO_STORAGE_CONNECTION_STRING";

    /// <summary>The Azure Functions variable, read by <see cref="FromConfiguration"/> when <see cref="ConnectionStringVariable"/> is unset.</summary>
    public const string FunctionsEnvironmentVariable = "AzureWebJobsStorage";

    /// <summary>Environment variable holding a blob account URL, reached with <see cref="DefaultAzureCredential"/>.</summary>
    public const string AccountUrlVariable = "MPO_STORAGE_ACCOUNT_URL";

    private readonly string? _connectionString;
    private readonly TokenCredential? _credential;
    private readonly IReadOnlyDictionary<string, string> _parts;

    private StorageConnection(
        string? connectionString, IReadOnlyDictionary<string, string> parts, Uri? accountUrl, TokenCredential? credential, string source)
    {
        _connectionString = connectionString;
        _parts = parts;
        AccountUrl = accountUrl;
        _credential = credential;
        Source = source;
    }

    /// <summary>
    /// The connection string. A secret: pass it to storage clients only, never to logs, payloads or blobs.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is an account-URL connection (<see cref="AccountUrl"/> is set): it has no connection string.</exception>
    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException($"{Source}: an account-URL connection (token credential) has no connection string.");

    /// <summary>The blob account URL when connecting with a token credential; <c>null</c> for a connection string.</summary>
    public Uri? AccountUrl { get; }

    /// <summary>Where the setting came from, for messages (an option, a variable, "local Azurite").</summary>
    public string Source { get; }

    /// <summary>A connection by connection string (Azurite's development account, or an Azure account key or SAS).</summary>
    /// <param name="connectionString">The secret connection string.</param>
    /// <param name="source">Where it came from, for messages. <value>The default is <c>connection string</c>.</value></param>
    /// <exception cref="MpoInputException">The text is not <c>key=value;...</c> pairs (the value is not echoed).</exception>
    public static StorageConnection FromConnectionString(string connectionString, string source = "connection string")
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var parts = Parse(connectionString)
            ?? throw new MpoInputException(
                $"{source}: not a storage connection string (expected key=value pairs separated by ';': " +
                "AccountName, AccountKey, BlobEndpoint, ... or UseDevelopmentStorage=true)");
        return new StorageConnection(connectionString.Trim(), parts, null, null, source);
    }

    /// <summary>A connection to a blob account URL (<c>https://account.blob.core.windows.net</c>) with a token credential.</summary>
    /// <param name="accountUrl">The blob service endpoint.</param>
    /// <param name="credential">The credential; <c>null</c> uses <see cref="DefaultAzureCredential"/>.</param>
    /// <param name="source">Where it came from, for messages. <value>The default is <c>account URL</c>.</value></param>
    /// <exception cref="MpoInputException">The URL is not absolute https without a query string.</exception>
    public static StorageConnection FromAccountUrl(Uri accountUrl, TokenCredential? credential = null, string source = "account URL")
    {
        ArgumentNullException.ThrowIfNull(accountUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!accountUrl.IsAbsoluteUri || accountUrl.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(accountUrl.Query))
        {
            throw new MpoInputException(
                $"{source}: the storage account URL '{accountUrl.GetLeftPart(UriPartial.Path)}' must be an absolute https URL " +
                "(token credentials need HTTPS) without a query string, e.g. https://myaccount.blob.core.windows.net.");
        }

        return new StorageConnection(null, new Dictionary<string, string>(), accountUrl, credential, source);
    }

    /// <summary>
    /// The connection string from the command line (<c>--storage</c>), else <c>MPO_STORAGE_CONNECTION_STRING</c>, else
    /// <c>AzureWebJobsStorage</c>; <c>null</c> when none is configured. This is what the <c>mpo</c> program and its
    /// workers use (the durable engine needs a connection string).
    /// </summary>
    /// <param name="commandLineValue">The <c>--storage</c> value, if given.</param>
    /// <param name="environment">Reads an environment variable. <value>The default is the process environment.</value></param>
    /// <exception cref="MpoInputException">The value found is malformed; the message names its source, not the value.</exception>
    public static StorageConnection? FromConfiguration(string? commandLineValue, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(commandLineValue))
        {
            return FromConnectionString(commandLineValue, $"option {CommandLineOption}");
        }

        foreach (var variable in new[] { ConnectionStringVariable, FunctionsEnvironmentVariable })
        {
            if (environment(variable) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return FromConnectionString(value, $"environment variable {variable}");
            }
        }

        return null;
    }

    /// <summary>
    /// The connection configured in the environment for the blob store: <c>MPO_STORAGE_CONNECTION_STRING</c>, else
    /// <c>MPO_STORAGE_ACCOUNT_URL</c> with <see cref="DefaultAzureCredential"/>; <c>null</c> when neither is set.
    /// </summary>
    /// <param name="environment">Reads an environment variable. <value>The default is the process environment.</value></param>
    /// <exception cref="MpoInputException">A variable is set but malformed; the message names it.</exception>
    public static StorageConnection? FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var connectionString = environment(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, $"environment variable {ConnectionStringVariable}");
        }

        var accountUrl = environment(AccountUrlVariable);
        if (string.IsNullOrWhiteSpace(accountUrl))
        {
            return null;
        }

        var source = $"environment variable {AccountUrlVariable}";
        return Uri.TryCreate(accountUrl.Trim(), UriKind.Absolute, out var uri)
            ? FromAccountUrl(uri, credential: null, source)
            : throw new MpoInputException(
                $"{source}: '{accountUrl}' is not an absolute URL (expected https://myaccount.blob.core.windows.net).");
    }

    /// <summary>Creates the Azure SDK client with the store's retry and timeout settings.</summary>
    /// <exception cref="MpoInputException">The connection string is not accepted by the SDK.</exception>
    public BlobServiceClient CreateBlobServiceClient(ArtifactStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;

        if (_connectionString is null)
        {
            return new BlobServiceClient(AccountUrl, _credential ?? new DefaultAzureCredential(), clientOptions);
        }

        try
        {
            return new BlobServiceClient(_connectionString, clientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's message is not echoed: it could quote part of the secret.
            throw new MpoInputException(
                $"{Source}: the storage connection string was rejected by the Azure SDK: expected name=value pairs such as " +
                "AccountName, AccountKey and BlobEndpoint (or UseDevelopmentStorage=true).");
        }
    }

    /// <summary>
    /// The account and endpoint, never a key or signature: e.g. <c>devstoreaccount1 at http://127.0.0.1:10000/devstoreaccount1</c>,
    /// or <c>https://acct.blob.core.windows.net/ (token credential)</c>.
    /// </summary>
    public string Describe()
    {
        if (_connectionString is null)
        {
            return $"{AccountUrl!.GetLeftPart(UriPartial.Path)} (token credential)";
        }

        if (_parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return "development storage on 127.0.0.1:10000";
        }

        var account = _parts.GetValueOrDefault("AccountName", "(account from SAS)");
        var endpoint = _parts.TryGetValue("BlobEndpoint", out var blob)
            ? (Uri.TryCreate(blob, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(unreadable blob endpoint)")
            : _parts.TryGetValue("EndpointSuffix", out var suffix) ? $"https://{account}.blob.{suffix}" : $"https://{account}.blob.core.windows.net";
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

            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        return parts.Count == 0 ? null : parts;
    }
}
