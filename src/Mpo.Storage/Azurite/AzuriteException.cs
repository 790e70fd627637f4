namespace Mpo.Storage.Azurite;

/// <summary>Azurite could not be installed or started; the message says why.</summary>
public sealed class AzuriteException(string message) : Exception(message);
