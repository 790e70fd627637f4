using System.CommandLine;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Cli.Hosting;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Hosting;
using Mpo.Storage;
using Mpo.Storage.Sets;

namespace Mpo.Cli.Runs;

/// <summary>
/// What a run command talks to: a durable client on the task hub and the artifact store, over the storage the
/// shared <see cref="HubOptions"/> name (or local Azurite). One per command invocation; disposing it stops a local
/// Azurite this process started.
/// </summary>
internal sealed class RunSession : IAsyncDisposable
{
    private readonly StorageResolver _storage;
    private readonly ServiceProvider _services;

    private RunSession(StorageResolver storage, ServiceProvider services, Mpo.Hosting.Configuration.DurableHostOptions hostOptions, ArtifactSetStore sets)
    {
        _storage = storage;
        _services = services;
        HostOptions = hostOptions;
        Hub = hostOptions.HubName;
        Sets = sets;
        Client = services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The durable host options the session was opened with (for an in-process worker on the same hub).</summary>
    public Mpo.Hosting.Configuration.DurableHostOptions HostOptions { get; }

    /// <summary>The storage connection (its string is a secret; print only <c>Describe()</c>).</summary>
    public StorageConnection Connection => _storage.Connection;

    /// <summary>The task hub name.</summary>
    public string Hub { get; }

    /// <summary>The durable client on <see cref="Hub"/>.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The run artifacts (committed sets and plain blobs).</summary>
    public ArtifactSetStore Sets { get; }

    /// <summary>The blob store of <see cref="Sets"/>.</summary>
    public BlobArtifactStore Blobs => Sets.Blobs;

    /// <summary>Where the hub lives, without secrets, for messages.</summary>
    public string Where => $"task hub '{Hub}' at {_storage.Connection.Describe()}";

    /// <summary>Resolves storage and opens the client and the artifact store.</summary>
    /// <exception cref="MpoInputException">An option is invalid, or local Azurite cannot start.</exception>
    /// <param name="options">The shared hub options.</param>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="cancellationToken">Cancels the storage start.</param>
    /// <param name="container">The artifact container, overriding <c>--container</c> (a run config's <c>storage.container</c>).</param>
    public static async Task<RunSession> OpenAsync(HubOptions options, ParseResult parse, CancellationToken cancellationToken, string? container = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        var hostOptions = options.LoadHostOptions(parse);
        container ??= options.Container is null ? ArtifactStoreDefaults.ContainerName : parse.GetValue(options.Container)!;
        var storeOptions = new ArtifactStoreOptions { ContainerName = container };
        try
        {
            storeOptions.Validate();
        }
        catch (MpoInputException e)
        {
            throw new MpoInputException($"option --container '{container}': {e.Message}", e);
        }

        var storage = await options.ResolveStorageAsync(parse, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        try
        {
            var services = new ServiceCollection()
                .AddLogging()
                .AddMpoDurableClient(hostOptions, storage.Connection)
                .BuildServiceProvider();
            var blobs = BlobArtifactStore.Create(storage.Connection, storeOptions);
            return new RunSession(storage, services, hostOptions, new ArtifactSetStore(blobs));
        }
        catch
        {
            await storage.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/>, turning storage failures (unreachable account, denied access) into one clear
    /// error line instead of a stack trace.
    /// </summary>
    public async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ArtifactStorageException e)
        {
            throw new MpoInputException(e.Message, e);
        }
        catch (Exception e) when (FindStorageFailure(e) is { } failure)
        {
            // The durable backend surfaces storage failures as RequestFailedException, possibly inside the SDK's
            // AggregateException of retries. Its message names the endpoint problem, never the key.
            var what = failure.Status > 0 ? $"HTTP {failure.Status} {failure.ErrorCode}" : failure.Message;
            throw new MpoInputException($"{Where}: the storage request failed ({what}).", e);
        }
    }

    private static RequestFailedException? FindStorageFailure(Exception? e) => e switch
    {
        null => null,
        RequestFailedException r => r,
        AggregateException a => a.InnerExceptions.Select(FindStorageFailure).FirstOrDefault(f => f is not null),
        _ => FindStorageFailure(e.InnerException),
    };

    /// <summary>Checks a run id's syntax (the same rule the pipeline applies when it creates runs).</summary>
    /// <exception cref="MpoInputException">The id cannot name a run.</exception>
    public static string CheckRunId(string runId) =>
        BlobLayout.IsValidRunId(runId)
            ? runId
            : throw new MpoInputException($"RUN_ID '{runId}' is not a run id: 1-48 lowercase letters, digits and '-', starting with a letter or digit.");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
    }
}
