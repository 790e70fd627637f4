namespace Mpo.Storage;

/// <summary>Default values of <see cref="ArtifactStoreOptions"/>, in one place so docs and code agree.</summary>
public static class ArtifactStoreDefaults
{
    /// <summary>The blob container holding every MPO artifact: <c>mpo</c>.</summary>
    public const string ContainerName = "mpo";

    /// <summary>Create the container on first use: <c>true</c>.</summary>
    public const bool CreateContainerIfMissing = true;

    /// <summary>Parallel blob transfers (files of a set, blocks of a large file): 4.</summary>
    public const int MaxTransferConcurrency = 4;

    /// <summary>Retries of one HTTP request by the Azure SDK: 3, the SDK's own default.</summary>
    public const int MaxRetries = 3;

    /// <summary>Timeout of one HTTP request (one block of a large file): 100 s, the SDK's own default.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);
}
