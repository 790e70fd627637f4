using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

using Mpo.Core;

namespace Mpo.Storage;

/// <summary>
/// Where the storage account is: a connection string (Azurite, or an Azure account with a key or SAS), or an
/// account URL reached with a token credential (<see cref="DefaultAzureCredential"/> unless given).
/// </summary>
/// <remarks>
/// A connection string is a secret. This type never prints it: <see cref="ToString"/> and <see cref="Describe"/>
/// name only the account and endpoint, so a connection can be logged safely.
/// </remarks>
public sealed class StorageConnection
{
    /// <summary>Environment variable holding a storage connection string (takes precedence).</summary>
    public const string ConnectionStringVariable = "MPO_STORAGE_CONNECTION_STRING";

    /// <summary>Environment variable holding a blob account URL, reached with <see cref="DefaultAzureCredential"/>.</summary>
    public const string AccountUrlVariable = "MPO_STORAGE_ACCOUNT_URL";

    private readonly string? _connectionString;
    private readonly TokenCredential? _credential;

    private StorageConnection(string? connectionString, Uri? accountUrl, TokenCredential? credential)
    {
        _connectionString = connectionString;
        AccountUrl = accountUrl;
        _credential = credential;
    }

    /// <summary>The blob account URL when connecting with a token credential; <c>null</c> for a connection string.</summary>
    public Uri? AccountUrl { get; }

    /// <summary>A connection by connection string (Azurite's development account, or an Azure account key or SAS).</summary>
    /// <exception cref="MpoInputException">The string is not a storage connection string.</exception>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString) || !connectionString.Contains('='))
        {
            throw new MpoInputException(
                "The storage connection string is empty or malformed: expected name=value pairs separated by ';' " +
                "(AccountName, AccountKey, BlobEndpoint, ...).");
        }

        return new StorageConnection(connectionString.Trim(), null, null);
    }

    /// <summary>A connection to a blob account URL (<c>https://account.blob.core.windows.net</c>) with a token credential.</summary>
    /// <param name="accountUrl">The blob service endpoint.</param>
    /// <param name="credential">The credential; <c>null</c> uses <see cref="DefaultAzureCredential"/>.</param>
    public static StorageConnection FromAccountUrl(Uri accountUrl, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(accountUrl);
        if (!accountUrl.IsAbsoluteUri || accountUrl.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(accountUrl.Query))
        {
            throw new MpoInputException(
                $"The storage account URL '{accountUrl.GetLeftPart(UriPartial.Path)}' must be an absolute https URL (token credentials need HTTPS) " +
                "without a query string, e.g. https://myaccount.blob.core.windows.net.");
        }

        return new StorageConnection(null, accountUrl, credential);
    }

    /// <summary>
    /// The connection configured in the environment: <c>MPO_STORAGE_CONNECTION_STRING</c>, else
    /// <c>MPO_STORAGE_ACCOUNT_URL</c> with <see cref="DefaultAzureCredential"/>; <c>null</c> when neither is set
    /// (the <c>mpo</c> program then starts a local Azurite).
    /// </summary>
    /// <exception cref="MpoInputException">A variable is set but malformed; the message names it.</exception>
    public static StorageConnection? FromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return FromConnectionString(connectionString);
            }
            catch (MpoInputException e)
            {
                throw new MpoInputException($"{ConnectionStringVariable}: {e.Message}");
            }
        }

        var accountUrl = Environment.GetEnvironmentVariable(AccountUrlVariable);
        if (string.IsNullOrWhiteSpace(accountUrl))
        {
            return null;
        }

        if (!Uri.TryCreate(accountUrl.Trim(), UriKind.Absolute, out var uri))
        {
            throw new MpoInputException(
                $"{AccountUrlVariable}: '{accountUrl}' is not an absolute URL (expected https://myaccount.blob.core.windows.net).");
        }

        try
        {
            return FromAccountUrl(uri);
        }
        catch (MpoInputException e)
        {
            throw new MpoInputException($"{AccountUrlVariable}: {e.Message}");
        }
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
                "The storage connection string was rejected by the Azure SDK: expected name=value pairs such as " +
                "AccountName, AccountKey and BlobEndpoint (or UseDevelopmentStorage=true).");
        }
    }

    /// <summary>A description safe to log: the account and endpoint, never a key or signature.</summary>
    public string Describe()
    {
        if (_connectionString is null)
        {
            return $"storage account {AccountUrl!.GetLeftPart(UriPartial.Path)} (token credential)";
        }

        string? Part(string name) => _connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv[1].Trim())
            .FirstOrDefault();

        if (Part("UseDevelopmentStorage") is { } dev && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return "storage emulator on the default ports (connection string)";
        }

        var endpoint = Part("BlobEndpoint") is { } blob && Uri.TryCreate(blob, UriKind.Absolute, out var u)
            ? $" at {u.GetLeftPart(UriPartial.Path)}"
            : "";
        return $"storage account '{Part("AccountName") ?? "(unnamed)"}'{endpoint} (connection string)";
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}
